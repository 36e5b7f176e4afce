namespace FlashSaleUI.Tests.Integration.Http;

/// <summary>Every status of the claim endpoint (README: HTTP API), through the real app, Redis and PostgreSQL.</summary>
public sealed class ClaimsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly HttpClient _member = app.CreateClient();
    private readonly HttpClient _operator = app.OperatorClient();

    [Fact]
    public async Task Issued_then_duplicate_then_sold_out()
    {
        var code = TestCodes.New();
        await _operator.CreateEventAsync(code, stock: 1);

        var issued = await _member.ClaimAsync(code, "alice");
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var body = await issued.JsonAsync();
        Assert.Equal("issued", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("remaining").GetInt64());

        var duplicate = await _member.ClaimAsync(code, "alice");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("duplicate", (await duplicate.JsonAsync()).GetProperty("status").GetString());

        var soldOut = await _member.ClaimAsync(code, "bob");
        Assert.Equal(HttpStatusCode.Gone, soldOut.StatusCode);
        Assert.Equal("soldOut", (await soldOut.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_event_is_404_not_found()
    {
        var response = await _member.ClaimAsync(TestCodes.New(), "alice");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("notFound", (await response.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Before_opening_is_403_not_open_and_opening_lets_claims_through()
    {
        var code = TestCodes.New();
        await _operator.CreateEventAsync(code, stock: 5, opensAt: DateTimeOffset.UtcNow.AddHours(1));

        var early = await _member.ClaimAsync(code, "alice");
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Equal("notOpen", (await early.JsonAsync()).GetProperty("status").GetString());

        var opened = await _operator.PostAsync($"/api/events/{code}/open", null);
        Assert.Equal("open", (await opened.JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _member.ClaimAsync(code, "alice")).StatusCode);

        var closed = await _operator.PostAsync($"/api/events/{code}/close", null);
        Assert.Equal("closed", (await closed.JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await _member.ClaimAsync(code, "bob")).StatusCode);
    }

    [Fact]
    public async Task The_event_shows_what_was_claimed()
    {
        var code = TestCodes.New();
        await _operator.CreateEventAsync(code, stock: 10);
        foreach (var member in new[] { "a", "b", "c", "a" }) await _member.ClaimAsync(code, member);

        var view = await (await _member.GetAsync($"/api/events/{code}")).JsonAsync();
        Assert.Equal(10, view.GetProperty("stock").GetInt32());
        Assert.Equal(7, view.GetProperty("remaining").GetInt64());
        Assert.Equal(3, view.GetProperty("issued").GetInt64());
        Assert.Equal("open", view.GetProperty("state").GetString());
        foreach (var field in new[] { "code", "name", "persisted", "opensAt", "closesAt" })
            Assert.True(view.TryGetProperty(field, out _), $"event lacks {field}");
    }

    [Fact]
    public async Task Concurrent_http_claims_issue_exactly_the_stock()
    {
        var code = TestCodes.New();
        await _operator.CreateEventAsync(code, stock: 50);
        var responses = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => _member.ClaimAsync(code, $"m{i % 300}")));
        Assert.Equal(50, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(400, responses.Count(r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Gone or HttpStatusCode.Conflict));
    }
}
