namespace FlashSaleUI.Tests.Integration.Members;

/// <summary>The app with the shop's identity provider configured (Members__Jwt__*), served over loopback by the test.</summary>
public sealed class ProviderTokenApp : AppFactory
{
    public LoopbackIdentityProvider Provider { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Members:LocalSignIn"] = "false",
        ["Members:Jwt:Authority"] = Provider.Issuer,
        ["Members:Jwt:Audience"] = LoopbackIdentityProvider.Audience,
        ["Members:Jwt:RequireHttpsMetadata"] = "false",
    };

    public override async Task InitializeAsync()
    {
        Provider = await LoopbackIdentityProvider.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>RS256 JWTs from the provider buy tickets; issuer, audience, lifetime and signature are enforced, and an
/// algorithm outside the key's is refused.</summary>
public sealed class ProviderTokenTests(ProviderTokenApp app) : IClassFixture<ProviderTokenApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<HttpResponseMessage> TicketForAsync(string? token, string? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/member-tickets");
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        if (body is not null) request.Content = ApiTestHelpers.Json(body);
        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData("auth0|5f8a3c2b9d1e4f0012345678")]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("someone+sale@example.com")]
    public async Task A_valid_provider_token_buys_a_ticket_for_its_subject_and_the_ticket_claims(string subject)
    {
        var response = await TicketForAsync(app.Provider.Token(subject));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = await response.JsonAsync();
        Assert.Equal(subject, issued.GetProperty("memberId").GetString());

        var code = TestCodes.New("JWT");
        await app.OperatorClient().CreateEventAsync(code, stock: 3);
        Assert.Equal(HttpStatusCode.OK, (await _client.ClaimWithTicketAsync(code, issued.GetProperty("ticket").GetString())).StatusCode);
        var stored = await Eventually.ValueAsync(() => app.Database.RowsAsync(
            $"SELECT member_id FROM coupon_issues WHERE event_code = '{code}'"), rows => rows.Count == 1, TimeSpan.FromSeconds(30));
        Assert.Equal(subject, stored[0][0]);
    }

    public static TheoryData<string, Func<LoopbackIdentityProvider, string?>> RefusedTokens => new()
    {
        { "no credential", _ => null },
        { "expired", p => p.Token("m1", expires: DateTime.UtcNow.AddMinutes(-10)) },
        { "another issuer", p => p.Token("m1", issuer: "http://127.0.0.1:1/other") },
        { "another audience", p => p.Token("m1", audience: "someone-else") },
        { "alg none", p => p.UnsignedToken("m1") },
        { "HS256 with the public key", p => p.TokenSignedWithThePublicKey("m1") },
        { "edited payload", p => EditPayload(p.Token("m1")) },
        { "garbage", _ => "not.a.jwt" },
    };

    private static string EditPayload(string jwt)
    {
        var parts = jwt.Split('.');
        parts[1] = parts[1][..^2] + (parts[1][^2] == 'A' ? "B" : "A") + parts[1][^1];
        return string.Join('.', parts);
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Bad_provider_tokens_get_no_ticket(string why, Func<LoopbackIdentityProvider, string?> token)
    {
        var response = await TicketForAsync(token(app.Provider));
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
    }

    [Fact]
    public async Task Without_local_sign_in_naming_yourself_gets_no_ticket()
    {
        var response = await TicketForAsync(null, """{"memberId":"alice"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_subject_that_is_no_member_id_is_400()
    {
        var response = await TicketForAsync(app.Provider.Token(new string('x', 256)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
