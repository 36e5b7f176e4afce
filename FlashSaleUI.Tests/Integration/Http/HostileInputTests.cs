using System.Text;

namespace FlashSaleUI.Tests.Integration.Http;

/// <summary>Hostile input is refused with 400 before any Redis key is built: Redis is byte-for-byte unchanged.</summary>
public sealed class HostileInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly HttpClient _member = app.CreateClient();
    private readonly HttpClient _operator = app.OperatorClient();

    public static TheoryData<string> HostileCodes => new()
    {
        "{SALE}", "SA}LE", "SA{LE", "SALE:1", "SALE*", "SA LE", " SALE", "sale", "SÄLE", "セール", "AB",
        new string('A', 10_240), "SALE\n", "SALE%00", "SALE/1", "SALE?x=1", "SALE#1",
    };

    [Theory]
    [MemberData(nameof(HostileCodes))]
    public async Task Claims_with_hostile_codes_are_400_and_touch_nothing(string code)
    {
        var before = await app.RedisKeysAsync();
        var response = await _member.ClaimAsync(code, "alice");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.RedisKeysAsync());
    }

    public static TheoryData<string?> HostileMembers => new()
    {
        null, "", "a b", "alice{x}", "a:b", "a*", "mémber", new string('m', 65), new string('m', 10_240), "alice\n",
    };

    [Theory]
    [MemberData(nameof(HostileMembers))]
    public async Task Hostile_member_ids_get_no_ticket_and_no_claim_body_can_name_a_member(string? memberId)
    {
        var code = TestCodes.New();
        await _operator.CreateEventAsync(code, stock: 5);
        var before = await app.RedisKeysAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(new { memberId });
        var signIn = await _member.PostAsync("/api/member-tickets", ApiTestHelpers.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        // a claim body naming a member is refused even with a valid ticket: the member comes from the ticket alone
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{code}/claims") { Content = ApiTestHelpers.Json(body) };
        request.Headers.Authorization = new("Bearer", await _member.TicketAsync("alice"));
        var claim = await _member.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, claim.StatusCode);
        if (memberId is not { Length: > 1_000 }) // (a 10 KB body is refused for its size first)
            Assert.Contains("ticket", await claim.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.RedisKeysAsync());
    }

    public static TheoryData<string, string?, string?> BadClaimBodies => new()
    {
        { "malformed JSON", "application/json", "{\"memberId\": " },
        { "not an object", "application/json", "[\"alice\"]" },
        { "JSON null", "application/json", "null" },
        { "wrong type", "application/json", "{\"memberId\": 42}" },
        { "member given twice", "application/json", "{\"memberId\":\"alice\",\"memberId\":\"bob\"}" },
        { "wrong content type", "text/plain", "{\"memberId\":\"alice\"}" },
        { "form post", "application/x-www-form-urlencoded", "memberId=alice" },
        { "no content type", null, "{\"memberId\":\"alice\"}" },
        { "oversized body", "application/json", "{\"memberId\":\"alice\",\"pad\":\"" + new string('x', 10_240) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(BadClaimBodies))]
    public async Task Bad_claim_bodies_are_400_and_touch_nothing(string why, string? contentType, string? body)
    {
        var code = TestCodes.New();
        await _operator.CreateEventAsync(code, stock: 5);
        var before = await app.RedisKeysAsync();
        // with a valid ticket, so the 400 is the body's (no body at all is the usual claim: ClaimsApiTests)
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/events/{code}/claims") { Content = Content(contentType, body) };
        request.Headers.Authorization = new("Bearer", await _member.TicketAsync("alice"));
        var response = await _member.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        Assert.Equal(before, await app.RedisKeysAsync());
    }

    public static TheoryData<string, string?, string> BadEvents => new()
    {
        { "code with braces", "application/json", """{"code":"{X}","name":"n","stock":5}""" },
        { "code with colon", "application/json", """{"code":"A:B","name":"n","stock":5}""" },
        { "code with star", "application/json", """{"code":"AB*","name":"n","stock":5}""" },
        { "code with space", "application/json", """{"code":"A B","name":"n","stock":5}""" },
        { "non-ASCII code", "application/json", """{"code":"SÄLE","name":"n","stock":5}""" },
        { "10 KB code", "application/json", "{\"code\":\"" + new string('A', 10_240) + "\",\"name\":\"n\",\"stock\":5}" },
        { "10 KB name", "application/json", "{\"code\":\"BIGNAME\",\"name\":\"" + new string('n', 10_240) + "\",\"stock\":5}" },
        { "negative stock", "application/json", """{"code":"NEG","name":"n","stock":-5}""" },
        { "zero stock", "application/json", """{"code":"ZERO","name":"n","stock":0}""" },
        { "huge stock", "application/json", """{"code":"HUGE","name":"n","stock":10000001}""" },
        { "enormous stock", "application/json", """{"code":"HUGE","name":"n","stock":1e40}""" },
        { "fractional stock", "application/json", """{"code":"FRAC","name":"n","stock":1.5}""" },
        { "stock as text", "application/json", """{"code":"TEXT","name":"n","stock":"5"}""" },
        { "stock given twice", "application/json", """{"code":"TWICE","name":"n","stock":5,"stock":9}""" },
        { "closes before opens", "application/json",
            """{"code":"WIN","name":"n","stock":5,"opensAt":"2030-01-02T00:00:00Z","closesAt":"2030-01-01T00:00:00Z"}""" },
        { "bad date", "application/json", """{"code":"DATE","name":"n","stock":5,"opensAt":"tomorrow"}""" },
        { "malformed JSON", "application/json", """{"code":"MAL","name":""" },
        { "wrong content type", "text/plain", """{"code":"TXT","name":"n","stock":5}""" },
        { "missing body", "application/json", "" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Bad_events_are_400_and_create_nothing(string why, string? contentType, string body)
    {
        var before = await app.RedisKeysAsync();
        var response = await _operator.PostAsync("/api/events", Content(contentType, body));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(before, await app.RedisKeysAsync());
        Assert.Equal(0, await app.Database.ScalarAsync(
            "SELECT count(*) FROM flash_sale_events WHERE code IN ('NEG','ZERO','HUGE','FRAC','TEXT','WIN','DATE','MAL','TXT','BIGNAME')"));
    }

    [Fact]
    public async Task Validation_problems_name_every_bad_field()
    {
        var response = await _operator.PostAsync("/api/events", ApiTestHelpers.Json("""{"code":"a b","name":"","stock":0}"""));
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("code", out _));
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("stock", out _));
    }

    [Fact]
    public async Task Creating_an_existing_code_is_409_and_keeps_the_first()
    {
        var code = TestCodes.New();
        await _operator.CreateEventAsync(code, stock: 5);
        var again = await _operator.PostAsync("/api/events", ApiTestHelpers.Json($$"""{"code":"{{code}}","name":"Other","stock":99}"""));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var view = await (await _member.GetAsync($"/api/events/{code}")).JsonAsync();
        Assert.Equal(5, view.GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Reading_a_hostile_code_is_404_and_touches_nothing()
    {
        var before = await app.RedisKeysAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await _member.GetAsync("/api/events/%7BX%7D")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _member.GetAsync("/api/events/" + new string('A', 10_240))).StatusCode);
        Assert.Equal(before, await app.RedisKeysAsync());
    }

    [Fact]
    public async Task An_invalid_code_is_one_400_naming_the_code_on_every_other_endpoint()
    {
        var ticket = await _member.TicketAsync("hostile-code-member");
        var claims = app.CreateClient();
        claims.DefaultRequestHeaders.Authorization = new("Bearer", ticket);
        var before = await app.RedisKeysAsync();
        var answers = new[]
        {
            await _operator.PostAsync("/api/events/%7BX%7D/close", null),
            await _operator.GetAsync("/api/events/a:b/audit"),
            await _operator.GetAsync("/api/events/%7BX%7D/coupons"),
            await _operator.PostAsync("/api/pipeline/reconcile/a%20b", null),
            await claims.PostAsync("/api/events/%7BX%7D/claims", null),
            await claims.GetAsync("/api/events/a:b/claims/me"),
        };
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.True((await answer.JsonAsync()).GetProperty("errors").TryGetProperty("code", out _),
                answer.RequestMessage!.RequestUri!.ToString());
        }
        Assert.Equal(before, await app.RedisKeysAsync());
    }

    private static HttpContent Content(string? contentType, string? body)
    {
        var content = new ByteArrayContent(body is null ? [] : Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
