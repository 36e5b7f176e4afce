namespace FlashSaleUI.Tests.Integration.Http;

public sealed class RateLimitedApp : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["FlashSale:RateLimit:Enabled"] = "true",
        ["FlashSale:RateLimit:PerMemberPermits"] = "3",
        ["FlashSale:RateLimit:PerMemberWindowSeconds"] = "60",
        ["FlashSale:RateLimit:PerAddressPerSecond"] = "1",
        ["FlashSale:RateLimit:PerAddressBurst"] = "20",
    };
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task A_member_hammering_one_event_gets_429_with_retry_after_and_others_still_claim()
    {
        var code = TestCodes.New();
        await app.OperatorClient().CreateEventAsync(code, stock: 10);
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await client.ClaimAsync(code, "hammer")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.TooManyRequests], statuses);

        var limited = await client.ClaimAsync(code, "hammer");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("rateLimited", (await limited.JsonAsync()).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.ClaimAsync(code, "patient")).StatusCode);
    }

    [Fact]
    public async Task One_address_flooding_claims_is_cut_off_at_its_burst()
    {
        var code = TestCodes.New();
        await app.OperatorClient().CreateEventAsync(code, stock: 1000);
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++) statuses.Add((await client.ClaimAsync(code, $"flood{i}")).StatusCode);
        // the per-address bucket may have been partly used by the other test in this class
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 1, 22);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
