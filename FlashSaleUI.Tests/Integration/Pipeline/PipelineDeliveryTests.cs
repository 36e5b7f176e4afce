using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using FlashSaleUI.Core.Pipeline;

namespace FlashSaleUI.Tests.Integration.Pipeline;

[Collection(TimingSensitive.Name)]
public sealed class PipelineDeliveryTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task Fifty_thousand_claims_for_20000_stock_become_exactly_20000_rows_within_10_seconds()
    {
        var code = await pipeline.CreateEventAsync(20_000);
        var results = await pipeline.ClaimAsync(code, ClaimLoad.Members(distinct: 30_000, claims: 50_000));
        var lastClaim = Stopwatch.StartNew();
        Assert.Equal(20_000, results.Count(r => r.Status == ClaimStatus.Issued));

        await PipelineAssertions.AllPersistedAsync(pipeline.Database, code, 20_000, TimeSpan.FromSeconds(10));
        var drained = lastClaim.Elapsed;
        await Task.Delay(500); // anything still on its way would show up as an extra row
        var (rows, members, persisted) = await PipelineAssertions.RowsAsync(pipeline.Database, code);
        Assert.Equal(20_000, rows);
        Assert.Equal(20_000, members);
        Assert.Equal(20_000, persisted);
        Assert.True(drained < TimeSpan.FromSeconds(10), $"drained {drained.TotalSeconds:F1} s after the last claim");
    }

    [Fact]
    public async Task Redelivered_messages_insert_nothing()
    {
        var code = await pipeline.CreateEventAsync(500);
        await pipeline.ClaimAsync(code, Enumerable.Range(0, 500).Select(i => MemberId.Parse($"r{i}")));
        await PipelineAssertions.AllPersistedAsync(pipeline.Database, code, 500, TimeSpan.FromSeconds(15));

        // a consumer group that never committed: it is handed the whole topic again, as after a crash before commit
        await using var replay = await pipeline.StartHostAsync(new Dictionary<string, string?>
        {
            ["Pipeline:RelayEnabled"] = "false",
            ["Kafka:SinkGroup"] = "redelivery-" + Guid.NewGuid().ToString("N")[..8],
        });
        var metrics = replay.Get<PipelineMetrics>();
        await Eventually.HoldsAsync(() => Task.FromResult(metrics.Consumed >= 500), TimeSpan.FromSeconds(30),
            () => Task.FromResult($"redelivered {metrics.Consumed}"));

        Assert.Equal(0, metrics.Persisted);
        Assert.Equal(0, metrics.DeadLettered);
        Assert.Equal((500L, 500L, 500L), await PipelineAssertions.RowsAsync(pipeline.Database, code));
    }

    [Fact]
    public async Task A_poison_message_goes_to_the_dlq_with_a_reason_and_later_messages_are_stored()
    {
        var code = await pipeline.CreateEventAsync(10);
        var unknown = TestCodes.New("GHOST");
        using var producer = new ProducerBuilder<string, string>(
            new ProducerConfig { BootstrapServers = pipeline.Kafka.BootstrapServers }).Build();
        // all keyed by the real event, so they share its partition and the valid one comes after the poison
        var poison = new[]
        {
            "this is not json",
            """{"claimId":"c1","eventCode":"%%%","memberId":"m","issuedAt":"2026-11-27T00:00:00Z"}""",
            """{"claimId":"c2","eventCode":"CODE","memberId":"bad\u0001member","issuedAt":"2026-11-27T00:00:00Z"}"""
                .Replace("CODE", code.Value),
        };
        foreach (var value in poison)
            await producer.ProduceAsync("coupon-issued", new Message<string, string> { Key = code.Value, Value = value });
        await producer.ProduceAsync("coupon-issued", new Message<string, string> { Key = unknown,
            Value = new CouponIssued("c3", unknown, "ghost-member", DateTimeOffset.UtcNow).ToJson() });
        await producer.ProduceAsync("coupon-issued", new Message<string, string> { Key = code.Value,
            Value = new CouponIssued("c4", code.Value, "later-member", DateTimeOffset.UtcNow).ToJson() });

        await PipelineAssertions.AllPersistedAsync(pipeline.Database, code, 1, TimeSpan.FromSeconds(15));
        await Eventually.HoldsAsync(async () => await pipeline.Database.ScalarAsync(
            "SELECT count(*) FROM dead_letters WHERE reason <> ''") >= 4,
            TimeSpan.FromSeconds(15), async () =>
            $"dead letters: {await pipeline.Database.ScalarAsync("SELECT count(*) FROM dead_letters")}");

        var letters = await pipeline.Host.Get<DeadLetterService>().ListAsync(100);
        Assert.Contains(letters, l => l.Value == "this is not json" && l.Reason.StartsWith("unparseable JSON"));
        Assert.Contains(letters, l => l.Reason == "invalid eventCode");
        Assert.Contains(letters, l => l.Reason == "invalid memberId");
        Assert.Contains(letters, l => l.Reason == "unknown event" && l.EventCode == unknown);

        // the DLQ topic carries them too, reason in a header
        var reasons = ReadDlqReasons(expected: 4);
        Assert.Contains("unknown event", reasons);
        Assert.Contains(reasons, r => r.StartsWith("unparseable JSON"));

        // once the event exists, the operator replays its dead letter and it is stored
        var ghost = await pipeline.Host.Get<EventCommands>().CreateAsync(new NewEvent { Code = unknown, Name = "Late", Stock = 5 },
            FlashSaleUI.Core.Audit.AuditActor.System);
        Assert.Equal(CreateEventStatus.Created, ghost.Status);
        var ghostLetter = letters.Single(l => l.EventCode == unknown);
        Assert.True(await pipeline.Host.Get<DeadLetterService>().ReplayAsync(ghostLetter.Id));
        Assert.False(await pipeline.Host.Get<DeadLetterService>().ReplayAsync(ghostLetter.Id));
        await PipelineAssertions.AllPersistedAsync(pipeline.Database, EventCode.Parse(unknown), 1, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Kcat_reads_our_topic_as_readable_json()
    {
        var code = await pipeline.CreateEventAsync(3);
        await pipeline.ClaimAsync(code, [MemberId.Parse("kcat-a"), MemberId.Parse("kcat-b")]);
        await PipelineAssertions.AllPersistedAsync(pipeline.Database, code, 2, TimeSpan.FromSeconds(15));

        var start = new ProcessStartInfo("kcat",
            $"-C -b {pipeline.Kafka.BootstrapServers} -t coupon-issued -o beginning -e -q -f \"%k\\t%s\\n\"")
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var kcat = Process.Start(start)!;
        var output = await kcat.StandardOutput.ReadToEndAsync();
        await kcat.WaitForExitAsync();
        Assert.Equal(0, kcat.ExitCode);

        var ours = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2)).Where(p => p[0] == code.Value)
            .Select(p => JsonDocument.Parse(p[1]).RootElement).ToList();
        Assert.Equal(["kcat-a", "kcat-b"], ours.Select(j => j.GetProperty("memberId").GetString()).Order());
        Assert.All(ours, j =>
        {
            Assert.Equal(code.Value, j.GetProperty("eventCode").GetString());
            Assert.False(string.IsNullOrEmpty(j.GetProperty("claimId").GetString()));
            Assert.True(j.GetProperty("issuedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        });
    }

    [Fact]
    public async Task Reconciliation_re_enqueues_an_issued_coupon_that_has_no_row_and_keeps_it_in_redis()
    {
        var code = await pipeline.CreateEventAsync(5);
        var claims = await pipeline.ClaimAsync(code, new[] { "x1", "x2", "x3" }.Select(MemberId.Parse));
        await PipelineAssertions.AllPersistedAsync(pipeline.Database, code, 3, TimeSpan.FromSeconds(15));

        // a row lost after the fact (restored backup, manual delete): Redis says issued, PostgreSQL disagrees
        await pipeline.Database.ScalarAsync(
            $"WITH d AS (DELETE FROM coupon_issues WHERE event_code = '{code.Value}' AND member_id = 'x2' RETURNING 1) " +
            $"UPDATE flash_sale_events SET persisted = persisted - (SELECT count(*) FROM d) WHERE code = '{code.Value}' RETURNING " +
                $"persisted");

        var report = await pipeline.Host.Get<Reconciler>().CheckAsync(code, repair: true);
        Assert.Equal(1, report!.Requeued);
        Assert.Equal(3, report.Issued);
        await Eventually.HoldsAsync(async () => (await PipelineAssertions.RowsAsync(pipeline.Database, code)) == (3, 3, 3),
            TimeSpan.FromSeconds(15), async () => $"{await PipelineAssertions.RowsAsync(pipeline.Database, code)}");

        // the re-stored row carries the coupon code the member was shown, not a new one
        Assert.Equal(claims[1].CouponCode, await CouponCodeAsync(code, "x2"));

        var counters = await pipeline.Host.Get<ILiveEventStore>().ReadAsync(code);
        Assert.Equal(3, counters!.Issued);
        Assert.Equal(0, (await pipeline.Host.Get<Reconciler>().CheckAsync(code, repair: true))!.Requeued);
    }

    private async Task<string?> CouponCodeAsync(EventCode code, string member) =>
        (await pipeline.Database.RowsAsync(
        $"SELECT coupon_code FROM coupon_issues WHERE event_code = '{code.Value}' AND member_id = '{member}'"))
        .Single()[0];

    private List<string> ReadDlqReasons(int expected)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = pipeline.Kafka.BootstrapServers,
            GroupId = "dlq-reader-" + Guid.NewGuid().ToString("N")[..8],
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe("coupon-issued.dlq");
        var reasons = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (reasons.Count < expected && DateTime.UtcNow < deadline)
        {
            var message = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (message?.Message?.Headers is { } headers && headers.TryGetLastBytes("dlq-reason", out var reason))
                reasons.Add(System.Text.Encoding.UTF8.GetString(reason));
        }
        consumer.Close();
        return reasons;
    }
}
