namespace FlashSaleUI.Tests.Integration.Hub;

[Collection(TimingSensitive.Name)]
public sealed class SalesHubTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<HubClient> ConnectAsync() => HubClient.ConnectAsync(app.Server, "hubs/sales", app.AdminToken(), "stats");

    [Fact]
    public async Task Stats_arrive_at_most_10_times_a_second_during_a_5000_claim_burst()
    {
        var code = TestCodes.New("HUB");
        await app.OperatorClient().CreateEventAsync(code, stock: 2_000);
        await using var hub = await ConnectAsync();
        await hub.InvokeAsync("Watch", code);

        // 5,000 claims spread over about 3 s, so the publisher's rate limit (not the burst's length) is what is tested
        var claims = app.Services.GetRequiredService<IClaimService>();
        var eventCode = EventCode.Parse(code);
        for (var wave = 0; wave < 50; wave++)
        {
            await Task.WhenAll(Enumerable.Range(wave * 100, 100).Select(i => claims.ClaimAsync(eventCode,
                MemberId.Parse($"h{i % 4_000}"))));
            await Task.Delay(60);
        }

        static long Attempts(System.Text.Json.JsonElement stats) =>
            stats.GetProperty("outcomes").EnumerateObject().Sum(o => o.Value.GetInt64());
        await Eventually.HoldsAsync(() => Task.FromResult(
            hub.Calls("stats").LastOrDefault().Argument is { ValueKind: System.Text.Json.JsonValueKind.Object } last
                && Attempts(last) == 5_000),
            TimeSpan.FromSeconds(5), () => Task.FromResult(
            $"{hub.Calls("stats").Count} stats messages, last {hub.Calls("stats").LastOrDefault().Argument}"));
        var stats = hub.Calls("stats");

        Assert.True(stats.Count >= 10, $"only {stats.Count} stats messages during a 3 s burst");
        var busiestSecond = stats.Max(s => stats.Count(o => o.At >= s.At && o.At < s.At + TimeSpan.FromSeconds(1)));
        Assert.True(busiestSecond <= 10, $"{busiestSecond} stats messages within one second");

        var last = stats[^1].Argument;
        Assert.Equal(code, last.GetProperty("code").GetString());
        Assert.Equal(0, last.GetProperty("remaining").GetInt64());
        Assert.Equal("soldOut", last.GetProperty("state").GetString());
        Assert.Equal(2_000, last.GetProperty("issued").GetInt64());
        Assert.Equal(2_000, last.GetProperty("outcomes").GetProperty("issued").GetInt64());
        foreach (var field in new[] { "name", "stock", "persisted", "opensAt", "closesAt", "rates", "outboxBacklog" })
            Assert.True(last.TryGetProperty(field, out _), $"stats lacks {field}");
    }

    [Fact]
    public async Task Watch_refuses_a_hostile_code()
    {
        await using var hub = await ConnectAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => hub.InvokeAsync("Watch", "{X}:*"));
        Assert.Contains("Event code must be", error.Message);
    }

    [Fact]
    public async Task A_change_reaches_a_watcher_within_250_ms()
    {
        var code = TestCodes.New("HUB");
        await app.OperatorClient().CreateEventAsync(code, stock: 10);
        await using var hub = await ConnectAsync();
        await hub.InvokeAsync("Watch", code);
        await Eventually.HoldsAsync(() => Task.FromResult(hub.Calls("stats").Count > 0), TimeSpan.FromSeconds(3),
            () => Task.FromResult("no first sample"));

        var before = hub.Calls("stats").Count;
        var claimedAt = DateTime.UtcNow;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await app.Services.GetRequiredService<IClaimService>().ClaimAsync(EventCode.Parse(code), MemberId.Parse("quick"));
        await Eventually.HoldsAsync(() => Task.FromResult(hub.Calls("stats").Skip(before).Any(s =>
            s.Argument.GetProperty("issued").GetInt64() == 1)),
            TimeSpan.FromSeconds(2), () => Task.FromResult("the claim never showed"));
        Assert.True(sw.Elapsed < TimeSpan.FromMilliseconds(250), $"took {sw.ElapsedMilliseconds} ms");
    }
}

public sealed class HubLimitsTests(TwoConnectionHubApp app) : IClassFixture<TwoConnectionHubApp>
{
    [Fact]
    public async Task Watching_a_sale_that_does_not_exist_is_refused()
    {
        await using var hub = await HubClient.ConnectAsync(app.Server, "hubs/sales", app.AdminToken(), "stats");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => hub.InvokeAsync("Watch", TestCodes.New("NONE")));
        Assert.Contains("no sale", error.Message);
    }

    [Fact]
    public async Task Connections_past_the_limit_are_closed()
    {
        var code = TestCodes.New("CAP");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        await using var first = await HubClient.ConnectAsync(app.Server, "hubs/sales", app.AdminToken(), "stats");
        await using var second = await HubClient.ConnectAsync(app.Server, "hubs/sales", app.AdminToken(), "stats");
        await first.InvokeAsync("Watch", code); // both watch: no exception
        await second.InvokeAsync("Watch", code);

        await using var third = await HubClient.ConnectAsync(app.Server, "hubs/sales", app.AdminToken(), "stats");
        await Assert.ThrowsAnyAsync<Exception>(() => third.InvokeAsync("Watch", code));

        await first.DisposeAsync(); // a place frees up
        await Eventually.HoldsAsync(async () =>
        {
            await using var fourth = await HubClient.ConnectAsync(app.Server, "hubs/sales", app.AdminToken(), "stats");
            try { await fourth.InvokeAsync("Watch", code); return true; } catch (Exception) { return false; }
        }, TimeSpan.FromSeconds(5), () => Task.FromResult("no place after a disconnect"));
    }
}

public sealed class TwoConnectionHubApp : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["FlashSale:HubMaxConnections"] = "2" };
}
