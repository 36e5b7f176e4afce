using FlashSaleUI.Core.Redis;
using StackExchange.Redis;

namespace FlashSaleUI.Tests.Integration.Resilience;

/// <summary>The app with its live-state watch checking every half second.</summary>
public sealed class WatchedApp : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["LiveState:CheckSeconds"] = "0.5" };
}

/// <summary>Redis loses data between two phases of a sale; PostgreSQL, the record, puts it right: never one coupon
/// over the stock, no winner twice, no "unknown sale" for a sale that exists.</summary>
[Collection(TimingSensitive.Name)]
public sealed class RedisLossTests(WatchedApp app) : IClassFixture<WatchedApp>
{
    private const int Stock = 1_000, FirstPhase = 400;
    private readonly HttpClient _member = app.CreateClient();
    private readonly HttpClient _operator = app.OperatorClient();

    [Fact]
    public async Task Redis_flushed_mid_sale_grants_exactly_the_stock_and_no_winner_twice()
    {
        var code = await FirstPhaseAsync();

        await app.FlushRedisAsync();

        // everyone tries, the first phase's winners included; the first claims find the sale missing and rebuild it
        var second = await ClaimAllAsync(code, Enumerable.Range(0, 1_500));
        Assert.Equal(0, second.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(FirstPhase, second.Take(FirstPhase).Count(s => s == HttpStatusCode.Conflict)); // earlier winners: duplicate
        Assert.Equal(Stock - FirstPhase, second.Count(s => s == HttpStatusCode.OK));
        await AssertExactlyTheStockStoredAsync(code);
    }

    [Fact]
    public async Task Redis_behind_the_record_is_noticed_while_running_and_corrected_before_anyone_wins_twice()
    {
        var code = await FirstPhaseAsync();

        // a failover to a replica that had not seen the last 100 grants: Redis forgets them and their stock
        var keys = new EventKeys(EventCode.Parse(code));
        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var forgotten = Enumerable.Range(FirstPhase - 100, 100).Select(i => (RedisValue)Member(i)).ToArray();
        await redis.HashDeleteAsync(keys.Grants, forgotten);
        await redis.StringIncrementAsync(keys.Stock, 100);

        // the watch notices without any claim, gives the grants back to their winners, and records the repair of this
        // sale (its own record: other tests' sales in this app are repaired too). Redis is put right a moment before
        // the record is written, so both are waited for.
        var guard = app.Services.GetRequiredService<LiveStateGuard>();
        var saleCode = EventCode.Parse(code);
        await Eventually.HoldsAsync(async () => await redis.HashLengthAsync(keys.Grants) == FirstPhase
                && (long)await redis.StringGetAsync(keys.Stock) == Stock - FirstPhase && guard.LastRepairOf(saleCode) is not null,
            TimeSpan.FromSeconds(10), async () =>
            $"issued {await redis.HashLengthAsync(keys.Grants)}, remaining {await redis.StringGetAsync(keys.Stock)}, " +
            $"repair recorded: {guard.LastRepairOf(saleCode) is not null}");
        var repair = guard.LastRepairOf(saleCode)!;
        Assert.Equal((FirstPhase, FirstPhase), (repair.StoredGrants, repair.Issued)); // every stored grant placed again
        var pipelineView = await (await _operator.GetAsync("/api/pipeline")).JsonAsync(); // what operators see
        Assert.True(pipelineView.GetProperty("liveStateRepairs").GetInt64() >= 1);

        var second = await ClaimAllAsync(code, Enumerable.Range(0, 1_500));
        Assert.Equal(FirstPhase, second.Take(FirstPhase).Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(Stock - FirstPhase, second.Count(s => s == HttpStatusCode.OK));
        await AssertExactlyTheStockStoredAsync(code);
    }

    [Fact]
    public async Task A_restart_without_Redis_data_places_the_sale_from_the_record_before_serving()
    {
        var first = new AppFactory();
        await first.InitializeAsync();
        AppFactory? restarted = null;
        try
        {
            var code = TestCodes.New("BOOT");
            await first.OperatorClient().CreateEventAsync(code, Stock);
            var member = first.CreateClient();
            var claims = await Task.WhenAll(Enumerable.Range(0, FirstPhase).Select(i => member.ClaimAsync(code, Member(i))));
            Assert.All(claims, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            await Eventually.HoldsAsync(async () => await first.Database.ScalarAsync(
                    $"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'") == FirstPhase,
                TimeSpan.FromSeconds(30), () => Task.FromResult("first phase not stored"));

            // the app stops, Redis comes back empty (no AOF), the app starts again
            await first.StopAsync();
            using (var admin = RedisConnector.Connect(TestEnvironment.Redis + ",allowAdmin=true"))
                await admin.GetServer(admin.GetEndPoints()[0]).FlushDatabaseAsync(first.RedisDb);
            restarted = new RestartedApp(first);
            await restarted.InitializeAsync();
            var redis = restarted.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase(); // host started
            var keys = new EventKeys(EventCode.Parse(code));
            Assert.Equal(Stock - FirstPhase, (long)await redis.StringGetAsync(keys.Stock));
            Assert.Equal(FirstPhase, await redis.HashLengthAsync(keys.Grants));
            Assert.Equal(HttpStatusCode.Conflict, (await restarted.CreateClient().ClaimAsync(code, Member(0))).StatusCode);
        }
        finally
        {
            if (restarted is not null) await restarted.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    private sealed class RestartedApp(AppFactory first) : AppFactory(first);

    private async Task<string> FirstPhaseAsync()
    {
        var code = TestCodes.New("LOSS");
        await _operator.CreateEventAsync(code, Stock);
        var first = await ClaimAllAsync(code, Enumerable.Range(0, FirstPhase));
        Assert.All(first, s => Assert.Equal(HttpStatusCode.OK, s));
        await Eventually.HoldsAsync(async () => await PersistedAsync(code) == FirstPhase, TimeSpan.FromSeconds(30),
            async () => $"persisted {await PersistedAsync(code)}");
        return code;
    }

    private async Task AssertExactlyTheStockStoredAsync(string code)
    {
        await Eventually.HoldsAsync(async () => await PersistedAsync(code) == Stock, TimeSpan.FromSeconds(30),
            async () => $"persisted {await PersistedAsync(code)}");
        await Task.Delay(1_000); // nothing more arrives
        Assert.Equal(Stock, await app.Database.ScalarAsync($"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'"));
        Assert.Equal(Stock, await app.Database.ScalarAsync(
            $"SELECT count(DISTINCT member_id) FROM coupon_issues WHERE event_code = '{code}'"));
        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        Assert.Equal(Stock, await redis.HashLengthAsync(new EventKeys(EventCode.Parse(code)).Grants));
    }

    private async Task<long> PersistedAsync(string code) =>
        (await (await _member.GetAsync($"/api/events/{code}")).JsonAsync()).GetProperty("persisted").GetInt64();

    private async Task<HttpStatusCode[]> ClaimAllAsync(string code, IEnumerable<int> members) =>
        await Task.WhenAll(members.Select(async i => (await _member.ClaimAsync(code, Member(i))).StatusCode));

    private static string Member(int i) => $"m{i:D5}";
}
