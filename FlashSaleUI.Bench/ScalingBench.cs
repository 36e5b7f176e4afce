using FlashSaleUI.Core.Stats;

namespace FlashSaleUI.Bench;

/// <summary>How the costs grow: the same claim load spread over 1, 10 or 100 live events (each watched by a
/// dashboard, so the stats publisher samples every one), and the pipeline with 1 or 3 Kafka partitions.</summary>
public static class ScalingBench
{
    private const int Claims = 100_000, Callers = 200;

    public static async Task RunAsync(BenchEnvironment env)
    {
        var table = new Table($"Scaling: {Claims:N0} claims from {Callers} async callers, one app instance with its pipeline",
            "live events", "Kafka partitions", "claims/s", "p50 ms", "p99 ms",
            "all rows in PostgreSQL after the last claim (s)", "rows = issued");
        foreach (var (events, partitions) in new[] { (1, 3), (10, 3), (100, 3), (10, 1) })
            await RunAsync(env, table, events, partitions);
        table.Print();
        Console.WriteLine("\nThe Kafka key is the event code: one event always lands on one partition, so partitions help only across " +
            "events.");
    }

    private static async Task RunAsync(BenchEnvironment env, Table table, int eventCount, int partitions)
    {
        await using var stage = await env.StageAsync(partitions);
        var service = stage.Get<EventCommands>();
        var codes = new List<EventCode>();
        for (var i = 0; i < eventCount; i++)
        {
            var code = $"SCALE-{i}-{Guid.NewGuid().ToString("N")[..6]}".ToUpperInvariant();
            await service.CreateAsync(new NewEvent { Code = code, Name = "Scaling", Stock = Claims },
            FlashSaleUI.Core.Audit.AuditActor.System);
            codes.Add(EventCode.Parse(code));
        }
        // every event is on someone's dashboard
        var feed = stage.Get<IStatsFeed>();
        var subscriptions = codes.Select(c => feed.Subscribe(c, _ => Task.CompletedTask)).ToList();
        await Task.Delay(500);

        var claims = stage.Get<IClaimService>();
        var latencies = new Latencies();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Claims)
                await latencies.TimeAsync(() => claims.ClaimAsync(codes[i % codes.Count], MemberId.Parse($"s{i}")));
        })));
        var rate = Claims / clock.Elapsed.TotalSeconds;
        clock.Restart();
        long rows;
        while ((rows = await stage.ScalarAsync("SELECT coalesce(sum(persisted), 0) FROM flash_sale_events")) < Claims
               && clock.Elapsed < TimeSpan.FromSeconds(120))
            await Task.Delay(10);
        var drain = clock.Elapsed.TotalSeconds;
        subscriptions.ForEach(s => s.Dispose());
        table.Add(eventCount, partitions, rate, latencies.Percentile(50), latencies.Percentile(99), drain,
            rows == Claims ? "yes" : $"NO: {rows}");
    }
}
