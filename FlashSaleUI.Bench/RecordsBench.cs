using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Pipeline;

namespace FlashSaleUI.Bench;

/// <summary>The durable record's ordinary reads and writes (IEventStore, IAuditLog) straight against PostgreSQL, no
/// cache in front, eight callers at once; and the sink's writer (binary COPY) for comparison. Run it before and after
/// a change to the persistence layer: docs/BENCHMARKS.md "The record".</summary>
public static class RecordsBench
{
    private const int Callers = 8;

    public static async Task RunAsync(BenchEnvironment env, int rounds = 3)
    {
        var table = new Table($"The record: PostgreSQL reads and writes, {Callers} callers, no cache", "operation", "count", "ops/s",
            "p50 ms", "p99 ms");
        for (var round = 0; round < rounds; round++)
        {
            await using var stage = await env.StageAsync(1, PipelineBench.PipelineOff);
            var store = stage.Get<IEventStore>();
            var audit = stage.Get<IAuditLog>();
            var prefix = "R" + round + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            var codes = Enumerable.Range(0, 4_000).Select(i => EventCode.Parse($"{prefix}-{i}")).ToArray();
            var now = DateTimeOffset.UtcNow;
            await MeasureAsync(table, "event write (create + audit)", codes.Length, i =>
                store.TryAddAsync(new FlashSaleEvent(codes[i], "Record bench", 100, null, null, null, now), AuditActor.System));
            await MeasureAsync(table, "event change (top-up + audit)", codes.Length, i =>
                store.ChangeAsync(codes[i], sale => EventDecision.Change(sale with { Stock = sale.Stock + 1 }), AuditActor.System,
                    AuditAction.TopUp));
            await MeasureAsync(table, "event read (by code)", 20_000, i => store.GetAsync(codes[i % codes.Length]));
            await MeasureAsync(table, "active events (list of 4,000)", 200, _ => store.ListActiveAsync(now));
            await MeasureAsync(table, "audit read (one sale's entries)", 20_000, i =>
                audit.ListAsync(codes[i % codes.Length].Value, 50));
            await SinkWriterAsync(stage, table, codes[0], 100_000);
        }
        table.Print();
    }

    private static async Task MeasureAsync(Table table, string operation, int count, Func<int, Task> op)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await op(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        table.Add(operation, count, count / seconds, latencies[count / 2], latencies[count * 99 / 100]);
    }

    /// <summary>One writer, batches of 5,000, as one sink consumer writes.</summary>
    private static async Task SinkWriterAsync(Stage stage, Table table, EventCode code, int count)
    {
        await stage.Get<IEventStore>().ChangeAsync(code, sale => EventDecision.Change(sale with { Stock = count }), AuditActor.System,
            AuditAction.TopUp);
        var writer = stage.Get<ICouponBatchStore>();
        var now = DateTimeOffset.UtcNow;
        var batches = Enumerable.Range(0, count).Select(i => new CouponIssued(ClaimId.New(), code.Value, $"m{i}", now)).Chunk(5_000);
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches) await writer.WriteAsync(batch, [], default);
        var seconds = clock.Elapsed.TotalSeconds;
        table.Add("sink writer (COPY, rows)", count, count / seconds, "", "");
    }
}
