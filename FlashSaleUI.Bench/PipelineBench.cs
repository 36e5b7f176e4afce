using Confluent.Kafka;
using FlashSaleUI.Core.Kafka;
using FlashSaleUI.Core.Pipeline;

namespace FlashSaleUI.Bench;

/// <summary>Issue 3's numbers: how fast the sink writes rows, and how long a claim takes to become a row.</summary>
public static class PipelineBench
{
    /// <summary>An instance with no relay, no sink and no live-state watch: its rows come from messages no claim made,
    /// which the watch would otherwise "repair" into Redis during the measurement.</summary>
    /// <summary>An app instance that runs no relay, sink or periodic live-state check: the piece measured runs alone.</summary>
    internal static readonly Dictionary<string, string?> PipelineOff = new()
    {
        ["Pipeline:SinkEnabled"] = "false", ["Pipeline:RelayEnabled"] = "false", ["LiveState:CheckSeconds"] = "3600",
    };

    public static async Task RunAsync(BenchEnvironment env, int partitions = 3)
    {
        var table = new Table($"Pipeline: outbox -> Kafka ({partitions} partitions, embedded) -> PostgreSQL, one app instance",
            "scenario", "coupons", "seconds", "rows/s", "claim-to-row p50 ms", "p99 ms", "rows = issued");
        await WriterThroughputAsync(env, table, 200_000);
        await ConsumeThroughputAsync(env, table, partitions, 200_000);
        await RelayThroughputAsync(env, table, partitions, 200_000);
        await SinkThroughputAsync(env, table, partitions, 100_000);
        await PacedAsync(env, table, partitions, claimsPerSecond: 5_000, seconds: 10);
        await BurstAsync(env, table, partitions, 200_000);
        table.Print();
    }

    /// <summary>The sink's PostgreSQL writer alone, no Kafka: batches of 5,000 coupons, one writer and then four in
    /// parallel (as four sink consumers on four partitions would write): where the database's ceiling is.</summary>
    private static async Task WriterThroughputAsync(BenchEnvironment env, Table table, int count)
    {
        foreach (var writers in new[] { 1, 4 })
        {
            await using var stage = await env.StageAsync(1, PipelineOff);
            var code = await CreateEventAsync(stage, count);
            var writer = stage.Get<ICouponBatchStore>();
            var now = DateTimeOffset.UtcNow;
            var batches = Enumerable.Range(0, count).Select(i => new CouponIssued(ClaimId.New(), code.Value, $"m{i}",
                now)).Chunk(5_000).ToArray();
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                int b;
                while ((b = Interlocked.Increment(ref next)) < batches.Length) await writer.WriteAsync(batches[b],
                    [], CancellationToken.None);
            })));
            var seconds = clock.Elapsed.TotalSeconds;
            var rows = await stage.ScalarAsync($"SELECT count(*) FROM coupon_issues WHERE event_code = '{code.Value}'");
            table.Add($"PostgreSQL writer alone, {writers} in parallel (COPY into the table; staged on a replay)", count, seconds,
                count / seconds, "-", "-",
                rows == count ? "yes" : $"NO: {rows}");
        }
    }

    /// <summary>Grants already in the outbox (claimed with no relay running), relay started afterwards, no sink: the
    /// relay alone, from its first delivered entry to an empty outbox.</summary>
    private static async Task RelayThroughputAsync(BenchEnvironment env, Table table, int partitions, int count)
    {
        await using var stage = await env.StageAsync(partitions, PipelineOff);
        var code = await CreateEventAsync(stage, count);
        var claims = stage.Get<IClaimService>();
        for (var done = 0; done < count; done += 5_000)
            await Task.WhenAll(Enumerable.Range(done, Math.Min(5_000, count - done)).Select(i => claims.ClaimAsync(code,
                MemberId.Parse($"r{i}"))));
        var live = stage.Get<ILiveEventStore>();
        async Task<long> BacklogAsync() => (await live.ReadAsync(code))!.OutboxBacklog;

        using var relay = await stage.StartInstanceAsync(new Dictionary<string, string?> { ["Pipeline:RelayEnabled"] = "true" });
        while (await BacklogAsync() == count) await Task.Delay(2); // the relay's start and first read not counted
        var clock = Stopwatch.StartNew();
        var first = count - await BacklogAsync();
        long left;
        while ((left = await BacklogAsync()) > 0 && clock.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(5);
        var seconds = clock.Elapsed.TotalSeconds;
        table.Add("relay alone (grants already in the outbox, no sink)", count, seconds, (count - left - first) / seconds, "-", "-",
            left == 0 ? "outbox empty" : $"NO: {left} left");
        await relay.StopAsync();
    }

    /// <summary>Messages already in Kafka, sink started afterwards: the sink alone, from its first row to its last.</summary>
    private static async Task SinkThroughputAsync(BenchEnvironment env, Table table, int partitions, int count)
    {
        await using var stage = await env.StageAsync(partitions, PipelineOff);
        var code = await CreateEventAsync(stage, count);
        ProduceCoupons(stage, code, count);

        using var sink = await stage.StartInstanceAsync(new Dictionary<string, string?> { ["Pipeline:SinkEnabled"] = "true" });
        var persisted = $"SELECT persisted FROM flash_sale_events WHERE code = '{code.Value}'";
        while (await stage.ScalarAsync(persisted) == 0) await Task.Delay(5); // group join (~3 s on the mock) not counted
        var clock = Stopwatch.StartNew();
        var first = await stage.ScalarAsync(persisted);
        long rows;
        while ((rows = await stage.ScalarAsync(persisted)) < count && clock.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(10);
        var seconds = clock.Elapsed.TotalSeconds;
        table.Add("sink alone (messages already in Kafka)", count, seconds, (rows - first) / seconds, "-", "-",
            rows == count ? "yes" : $"NO: {rows}");
        await sink.StopAsync();
    }

    /// <summary>A steady claim rate through the whole pipeline; latency from Redis's claim time to the row's commit.</summary>
    private static async Task PacedAsync(BenchEnvironment env, Table table, int partitions, int claimsPerSecond, int seconds)
    {
        await using var stage = await env.StageAsync(partitions);
        var total = claimsPerSecond * seconds;
        var code = await CreateEventAsync(stage, total);
        await WarmUpAsync(stage);
        var claims = stage.Get<IClaimService>();
        var perTick = claimsPerSecond / 100;
        var sends = new List<Task<ClaimResult>>(total);
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < total;)
        {
            // catch up to the schedule: claims due by now are sent now
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * claimsPerSecond) + perTick);
            for (; sent < due; sent++) sends.Add(claims.ClaimAsync(code, MemberId.Parse($"m{sent}")));
            await ticker.WaitForNextTickAsync();
        }
        var issued = (await Task.WhenAll(sends)).Count(r => r.Status == ClaimStatus.Issued);
        var drain = await WaitForRowsAsync(stage, code, issued);
        var (p50, p99) = await LatencyAsync(stage, code);
        table.Add($"{claimsPerSecond:N0} claims/s for {seconds} s, end to end", issued, clock.Elapsed.TotalSeconds + drain.TotalSeconds,
            issued / (clock.Elapsed.TotalSeconds + drain.TotalSeconds), p50, p99, await RowsMatchAsync(stage, code, issued));
    }

    /// <summary>As many claims as one process can make, then the time until the last one is a row.</summary>
    private static async Task BurstAsync(BenchEnvironment env, Table table, int partitions, int count)
    {
        await using var stage = await env.StageAsync(partitions);
        var code = await CreateEventAsync(stage, count);
        await WarmUpAsync(stage);
        var claims = stage.Get<IClaimService>();
        var clock = Stopwatch.StartNew();
        var issued = 0;
        for (var done = 0; done < count; done += 5_000)
            issued += (await Task.WhenAll(Enumerable.Range(done, Math.Min(5_000, count - done))
                .Select(i => claims.ClaimAsync(code, MemberId.Parse($"b{i}"))))).Count(r => r.Status == ClaimStatus.Issued);
        var burst = clock.Elapsed;
        var drain = await WaitForRowsAsync(stage, code, issued);
        var (p50, p99) = await LatencyAsync(stage, code);
        table.Add($"burst of {count:N0} claims ({count / burst.TotalSeconds:N0} claims/s), drained {drain.TotalSeconds:F2} s after the " +
            $"last",
            issued, burst.TotalSeconds + drain.TotalSeconds, issued / (burst.TotalSeconds + drain.TotalSeconds), p50, p99,
            await RowsMatchAsync(stage, code, issued));
    }

    /// <summary>count coupon-issued messages of one event, straight into the embedded broker (no claim made them).</summary>
    private static void ProduceCoupons(Stage stage, EventCode code, int count)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
            { BootstrapServers = stage.Kafka.BootstrapServers, LingerMs = 5, CompressionType = CompressionType.Lz4 }).Build();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var message = new Message<string, string>
            {
                Key = code.Value, Value = new CouponIssued($"c{i}", code.Value, $"m{i}", now).ToJson(),
            };
            while (true)
            {
                try { producer.Produce("coupon-issued", message); break; }
                catch (ProduceException<string, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }
        producer.Flush(TimeSpan.FromSeconds(60));
    }

    /// <summary>The other half of the sink's ceiling here: a bare consumer (the sink's settings, no parsing, no
    /// database) reading the same messages from the embedded broker, which runs in this process.</summary>
    private static async Task ConsumeThroughputAsync(BenchEnvironment env, Table table, int partitions, int count)
    {
        await using var stage = await env.StageAsync(partitions, PipelineOff);
        var code = await CreateEventAsync(stage, count);
        ProduceCoupons(stage, code, count);
        using var consumer = stage.Get<KafkaClients>().CreateConsumer("bench-consume-" + Guid.NewGuid().ToString("N")[..8], "bench");
        consumer.Subscribe("coupon-issued");
        while (consumer.Consume(TimeSpan.FromSeconds(10)) is null) { } // group join not counted
        var clock = Stopwatch.StartNew();
        var read = 1;
        while (read < count && clock.Elapsed < TimeSpan.FromSeconds(60))
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false }) read++;
        var seconds = clock.Elapsed.TotalSeconds;
        consumer.Close();
        table.Add("Kafka consume alone (embedded broker, no database)", read, seconds, read / seconds, "-", "-", "-");
    }

    private static async Task<EventCode> CreateEventAsync(Stage stage, int stock)
    {
        var code = "BENCH-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var created = await stage.Get<EventCommands>().CreateAsync(new NewEvent { Code = code, Name = "Benchmark", Stock = stock },
            FlashSaleUI.Core.Audit.AuditActor.System);
        if (created.Status != CreateEventStatus.Created) throw new InvalidOperationException(string.Join(", ", created.Errors.Keys));
        return EventCode.Parse(code);
    }

    /// <summary>The sink's first group join takes about 3 s on the embedded broker; wait it out before measuring.</summary>
    private static async Task WarmUpAsync(Stage stage)
    {
        var warm = await CreateEventAsync(stage, 1);
        await stage.Get<IClaimService>().ClaimAsync(warm, MemberId.Parse("warm-up"));
        await WaitForRowsAsync(stage, warm, 1);
    }

    private static async Task<TimeSpan> WaitForRowsAsync(Stage stage, EventCode code, long expected)
    {
        var clock = Stopwatch.StartNew();
        while (await stage.ScalarAsync($"SELECT persisted FROM flash_sale_events WHERE code = '{code.Value}'") < expected
               && clock.Elapsed < TimeSpan.FromSeconds(120))
            await Task.Delay(10);
        return clock.Elapsed;
    }

    private static async Task<(double P50, double P99)> LatencyAsync(Stage stage, EventCode code)
    {
        var p = await stage.DoublesAsync($"""
            SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM persisted_at - issued_at) * 1000)
            FROM coupon_issues WHERE event_code = '{code.Value}'
            """);
        return (p[0], p[1]);
    }

    private static async Task<string> RowsMatchAsync(Stage stage, EventCode code, long issued)
    {
        var rows = await stage.ScalarAsync($"SELECT count(DISTINCT member_id) FROM coupon_issues WHERE event_code = '{code.Value}'");
        return rows == issued ? "yes" : $"NO: {rows} of {issued}";
    }
}
