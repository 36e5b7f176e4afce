namespace FlashSaleUI.Tests.Integration.Http;

public sealed class OperatorSecurityTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string, string> OperatorEndpoints => new()
    {
        { "POST", "/api/events" },
        { "GET", "/api/events" },
        { "POST", "/api/events/SALE-1/open" },
        { "POST", "/api/events/SALE-1/close" },
    };

    private static readonly string?[] BadCredentials =
    [
        null,                                                                   // a member: no credentials
        AppFactory.Basic(AppFactory.OperatorUser, "wrong").ToString(),
        AppFactory.Basic("admin", AppFactory.OperatorPassword).ToString(),
        AppFactory.Basic(AppFactory.OperatorUser, "").ToString(),
        "Basic not-base64!",
        "Basic " + Convert.ToBase64String("no-colon"u8.ToArray()),
        "Bearer " + AppFactory.OperatorPassword,
    ];

    [Theory]
    [MemberData(nameof(OperatorEndpoints))]
    public async Task Operator_endpoints_refuse_members_and_wrong_credentials(string method, string path)
    {
        var client = app.CreateClient();
        foreach (var credentials in BadCredentials)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = ApiTestHelpers.Json("""{"code":"SALE-1","name":"x","stock":5}"""),
            };
            if (credentials is not null) request.Headers.TryAddWithoutValidation("Authorization", credentials);
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with '{credentials}': {response.StatusCode}");
        }
        Assert.Equal(0, await app.Database.ScalarAsync("SELECT count(*) FROM flash_sale_events"));
    }

    [Fact]
    public async Task Unauthenticated_calls_get_401_not_a_redirect_and_Basic_outside_token_creation_says_to_make_a_token()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var anonymous = await client.GetAsync("/api/events");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Null(anonymous.Headers.Location);

        // the right password, but Basic: accepted only by POST /api/tokens (no password hash per call elsewhere)
        client.DefaultRequestHeaders.Authorization = AppFactory.Basic(AppFactory.OperatorUser, AppFactory.OperatorPassword);
        var basic = await client.GetAsync("/api/events");
        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        var problem = await basic.JsonAsync();
        Assert.Contains("/api/tokens", problem.GetProperty("detail").GetString());
        Assert.Equal("notHere", problem.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Created,
            (await client.PostAsync("/api/tokens", ApiTestHelpers.Json("""{"name":"script"}"""))).StatusCode);
    }

    [Fact]
    public async Task A_claim_carrying_wrong_operator_credentials_is_a_claim_not_a_failed_operator_sign_in()
    {
        // members' claims and sign-ins skip operator authentication altogether: a stray Authorization header neither
        // costs the sale's hot path the handlers' work nor counts against the operator's sign-in throttle
        var code = TestCodes.New();
        await app.OperatorClient().CreateEventAsync(code, stock: 3);
        var member = app.CreateClient();
        member.DefaultRequestHeaders.Authorization = AppFactory.Basic("claimer", "not-the-password");
        var ticket = await member.TicketAsync("with-header"); // local sign-in, the Basic header beside it
        var claim = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{code}/claims");
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.SendAsync(claim)).StatusCode); // Basic is no ticket
        Assert.Equal(HttpStatusCode.OK, (await member.ClaimWithTicketAsync(code, ticket)).StatusCode);
        Assert.Equal(0, await app.Database.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'signInFailed' AND actor = 'claimer'"));
    }

    [Fact]
    public async Task The_operator_lists_events_and_anyone_reads_one()
    {
        var code = TestCodes.New();
        await app.OperatorClient().CreateEventAsync(code, stock: 3);
        var list = await (await app.OperatorClient().GetAsync("/api/events")).JsonAsync();
        Assert.Contains(list.EnumerateArray(), e => e.GetProperty("code").GetString() == code);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/events/{code}")).StatusCode);
    }
}

public sealed class BrowserFetchChallengeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_page_script_gets_401_without_a_basic_challenge_so_the_browser_does_not_prompt()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Add("Sec-Fetch-Mode", "cors");
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }
}
