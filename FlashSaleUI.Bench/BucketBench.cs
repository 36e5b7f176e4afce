using StackExchange.Redis;

namespace FlashSaleUI.Bench;

/// <summary>The bucketed hot sale, prototyped on the local 3-master Redis Cluster (docs/SCALING.md): one sale's stock
/// split over N buckets, each an ordinary placed event with its own hash tag (so buckets spread over the masters).
/// A member always claims in one bucket (hash of the member id), so "one per member" stays one atomic claim.lua;
/// a bucket that runs dry takes a chunk of stock from another with take_stock.lua and claims again. Checked:
/// exactly the stock granted, nobody twice; then measured: claims/s against one bucket.</summary>
public static class BucketBench
{
    private const int Stock = 150_000, Members = 200_000, Callers = 256;

    public static async Task RunAsync()
    {
        var cluster = Environment.GetEnvironmentVariable("FLASHSALE_BENCH_REDIS_CLUSTER")
            ?? throw new InvalidOperationException("run ./bench.sh buckets");
        using var redis = RedisConnector.Connect(cluster);
        var scripts = new RedisScripts();
        var claims = new RedisClaimService(redis, scripts, new ClaimMetrics());
        var live = new RedisLiveEventStore(redis, scripts);
        var table = new Table($"One hot sale on a 3-master Redis Cluster: {Members:N0} members claim {Stock:N0} coupons, {Callers} " +
            $"async callers (same 2 cores)",
            "buckets", "claims/s", "p50 ms", "p99 ms", "granted", "members granted twice", "stock moves", "exact");
        foreach (var buckets in new[] { 1, 3, 6, 12 })
            await RunAsync(table, redis, scripts, claims, live, buckets);
        table.Print();
    }

    private static async Task RunAsync(Table table, IConnectionMultiplexer redis, RedisScripts scripts, RedisClaimService claims,
        RedisLiveEventStore live, int bucketCount)
    {
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var buckets = Enumerable.Range(0, bucketCount).Select(b => EventCode.Parse($"HOT{run}-B{b}")).ToArray();
        for (var b = 0; b < bucketCount; b++)
            await live.PlaceAsync(new FlashSaleEvent(buckets[b], "hot", Stock / bucketCount + (b < Stock % bucketCount ? 1 : 0), null,
                null, null, DateTimeOffset.UtcNow));
        var chunk = Math.Max(1, Stock / bucketCount / 50);
        var db = redis.GetDatabase();
        long granted = 0, moves = 0;
        var allDry = false; // a scan found no stock in any bucket: stock never comes back (top-ups aside), stop scanning
        var latencies = new Latencies();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Members)
            {
                var member = MemberId.Parse($"m{i}");
                var home = (int)(StableHash(member.Value) % (uint)bucketCount);
                var started = Stopwatch.GetTimestamp();
                var result = await claims.ClaimAsync(buckets[home], member);
                // the home bucket ran dry: move a chunk from the first bucket that has some, then claim at home again
                for (var d = 1; result.Status == ClaimStatus.SoldOut && !Volatile.Read(ref allDry) && d < bucketCount; d++)
                {
                    var donor = buckets[(home + d) % bucketCount];
                    var taken = (long)await scripts.TakeStock.EvaluateAsync(db, [EventKeys.For(donor).Stock], [chunk]);
                    if (taken == 0) continue;
                    Interlocked.Increment(ref moves);
                    await db.StringIncrementAsync(EventKeys.For(buckets[home]).Stock, taken);
                    result = await claims.ClaimAsync(buckets[home], member);
                    d = 0; // claimed again: if others at home took it first, look for stock again
                }
                if (result.Status == ClaimStatus.SoldOut && bucketCount > 1) Volatile.Write(ref allDry, true);
                latencies.Add(Stopwatch.GetElapsedTime(started));
                if (result.Status == ClaimStatus.Issued) Interlocked.Increment(ref granted);
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;

        long grants = 0, left = 0;
        var members = new HashSet<string>();
        var twice = 0;
        foreach (var bucket in buckets)
        {
            var keys = EventKeys.For(bucket);
            grants += await db.HashLengthAsync(keys.Grants);
            left += (long)await db.StringGetAsync(keys.Stock);
            await foreach (var entry in db.HashScanAsync(keys.Grants, pageSize: 5000))
                if (!members.Add(entry.Name!)) twice++;
        }
        var exact = granted == Stock && grants == Stock && left == 0 && twice == 0;
        table.Add(bucketCount.ToString(), (Members / seconds).ToString("N0"), latencies.Percentile(50).ToString("F2"),
            latencies.Percentile(99).ToString("F2"),
            $"{grants:N0} (told {granted:N0}, left {left:N0})", twice.ToString(), moves.ToString("N0"), exact ? "yes" : "NO");
        foreach (var bucket in buckets)
        {
            var keys = EventKeys.For(bucket);
            await db.KeyDeleteAsync([keys.Stock, keys.Grants, keys.Window, keys.Outcomes, keys.Outbox]);
        }
    }

    // string.GetHashCode is randomised per process; a member must map to the same bucket on every instance
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
