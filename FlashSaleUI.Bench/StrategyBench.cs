using StackExchange.Redis;

namespace FlashSaleUI.Bench;

/// <summary>Read-then-write, WATCH/MULTI and our Lua, side by side in one run: three ways to take one unit of a contested stock.</summary>
public static class StrategyBench
{
    private const int Stock = 1_000, Members = 20_000;
    private const int WatchRetries = 3; // the usual pattern retries a failed transaction; we allow 3 retries (4 attempts)

    private enum Outcome { Granted, Refused, Failed }

    public static async Task RunAsync(BenchEnvironment env)
    {
        var table = new Table($"Strategies on one contested stock key: stock {Stock:N0}, {Members:N0} members each trying once",
            "strategy", "clients", "granted", "oversold", "failed with stock left", "success rate", "requests/s", "p50 ms", "p99 ms");
        await env.FlushRedisAsync();
        using var redis = RedisConnector.Connect(env.Redis);
        var scripts = new RedisScripts();
        foreach (var clients in new[] { 50, 500 })
        {
            await RunAsync(table, "naive GET then INCR", clients, redis, Naive(redis.GetDatabase()));
            await RunAsync(table, $"WATCH/MULTI, {WatchRetries} retries", clients, redis, WatchMulti(redis.GetDatabase()));
            await RunAsync(table, "claim.lua (FlashSaleUI)", clients, redis, await LuaAsync(redis, scripts));
        }
        table.Print();
        Console.WriteLine();
        Console.WriteLine("success rate: requests answered correctly (granted within the stock, or refused because it was gone); " +
                          "an oversold grant is a wrong answer. 'failed with stock left': refused only because others won the race.");
    }

    private static async Task RunAsync(Table table, string name, int clients, ConnectionMultiplexer redis,
        (Func<int, Task<Outcome>> Claim, Func<Task<long>> Granted) strategy)
    {
        var latencies = new Latencies();
        var next = -1;
        var outcomes = new int[3];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int member;
            while ((member = Interlocked.Increment(ref next)) < Members)
            {
                var outcome = await latencies.TimeAsync(() => strategy.Claim(member));
                Interlocked.Increment(ref outcomes[(int)outcome]);
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        var granted = await strategy.Granted();
        var failed = outcomes[(int)Outcome.Failed];
        var oversold = Math.Max(0, granted - Stock);
        table.Add(name, clients, granted, oversold, failed,
            $"{100.0 * (Members - failed - oversold) / Members:F1}%", Members / seconds,
            latencies.Percentile(50), latencies.Percentile(99));
    }

    /// <summary>Read, compare in C#, write: two callers that both read 999 both pass.</summary>
    private static (Func<int, Task<Outcome>>, Func<Task<long>>) Naive(IDatabase db)
    {
        RedisKey counter = $"bench:{{naive-{Guid.NewGuid():N}}}:count";
        return (async _ =>
        {
            var seen = (long)await db.StringGetAsync(counter);
            if (seen >= Stock) return Outcome.Refused;
            await db.StringIncrementAsync(counter);
            return Outcome.Granted;
        }, async () => (long)await db.StringGetAsync(counter));
    }

    /// <summary>Optimistic: WATCH the counter, MULTI/EXEC the increment; EXEC fails when another caller got in first.</summary>
    private static (Func<int, Task<Outcome>>, Func<Task<long>>) WatchMulti(IDatabase db)
    {
        RedisKey counter = $"bench:{{watch-{Guid.NewGuid():N}}}:count";
        return (async member =>
        {
            for (var attempt = 0; attempt <= WatchRetries; attempt++)
            {
                var seen = await db.StringGetAsync(counter);
                if ((long)seen >= Stock) return Outcome.Refused;
                var tx = db.CreateTransaction();
                tx.AddCondition(seen.IsNull ? Condition.KeyNotExists(counter) : Condition.StringEqual(counter, seen));
                _ = tx.StringIncrementAsync(counter);
                if (await tx.ExecuteAsync()) return Outcome.Granted;
            }
            return (long)await db.StringGetAsync(counter) >= Stock ? Outcome.Refused : Outcome.Failed;
        }, async () => (long)await db.StringGetAsync(counter));
    }

    private static async Task<(Func<int, Task<Outcome>>, Func<Task<long>>)> LuaAsync(ConnectionMultiplexer redis, RedisScripts scripts)
    {
        var code = EventCode.Parse("STRAT-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        var live = new RedisLiveEventStore(redis, scripts);
        await live.PlaceAsync(new FlashSaleEvent(code, "Strategy bench", Stock, null, null, null, DateTimeOffset.UtcNow));
        var claims = new RedisClaimService(redis, scripts, new ClaimMetrics());
        return (async member => (await claims.ClaimAsync(code, MemberId.Parse($"m{member}"))).Status == ClaimStatus.Issued
            ? Outcome.Granted : Outcome.Refused,
            async () => (await live.ReadAsync(code))!.Issued);
    }
}
