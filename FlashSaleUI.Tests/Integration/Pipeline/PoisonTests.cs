using Confluent.Kafka;
using FlashSaleUI.Core.Pipeline;

namespace FlashSaleUI.Tests.Integration.Pipeline;

public sealed class PoisonTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task A_message_PostgreSQL_refuses_is_dead_lettered_at_once_and_its_batch_neighbours_are_stored()
    {
        var code = await pipeline.CreateEventAsync(100);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = pipeline.Kafka.BootstrapServers,
            LingerMs = 50 }).Build();
        // valid JSON and valid fields, but a NUL character PostgreSQL text cannot hold, among good messages of one batch
        var messages = Enumerable.Range(0, 40).Select(i => i == 17
            ? new CouponIssued("nul\u0000claim", code.Value, "refused-member", DateTimeOffset.UtcNow)
            : new CouponIssued($"c{i}", code.Value, $"good-{i}", DateTimeOffset.UtcNow)).ToList();
        foreach (var coupon in messages)
            producer.Produce("coupon-issued", new Message<string, string> { Key = code.Value, Value = coupon.ToJson() });
        producer.Flush(TimeSpan.FromSeconds(10));

        await PipelineAssertions.AllPersistedAsync(pipeline.Database, code, 39, TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(async () => await pipeline.Database.ScalarAsync(
                "SELECT count(*) FROM dead_letters WHERE reason LIKE 'PostgreSQL refused it: 22%'") == 1,
            TimeSpan.FromSeconds(10), async () =>
            $"dead letters: {await pipeline.Database.ScalarAsync("SELECT count(*) FROM dead_letters")}");
        Assert.Equal(0, await pipeline.Database.ScalarAsync($"SELECT count(*) FROM coupon_issues WHERE member_id = 'refused-member'"));
        Assert.Equal(39, (await PipelineAssertions.RowsAsync(pipeline.Database, code)).Rows);
    }

    [Fact]
    public async Task Coupons_past_the_stock_sent_straight_to_the_topic_are_dead_lettered_never_stored()
    {
        // well-formed messages for a real event, but more of them than its stock: forged, or misrouted
        var code = await pipeline.CreateEventAsync(3);
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = pipeline.Kafka.BootstrapServers,
            LingerMs = 50 }).Build();
        foreach (var i in Enumerable.Range(0, 5))
            producer.Produce("coupon-issued", new Message<string, string>
            {
                Key = code.Value, Value = new CouponIssued($"{code.Value}-f{i}", code.Value, $"forged-{i}", DateTimeOffset.UtcNow).ToJson(),
            });
        producer.Flush(TimeSpan.FromSeconds(10));

        await Eventually.HoldsAsync(async () => await pipeline.Database.ScalarAsync(
                $"SELECT count(*) FROM dead_letters WHERE event_code = '{code.Value}' AND reason LIKE '%persisted_within_stock%'") == 2,
            TimeSpan.FromSeconds(20), async () => $"dead letters: {await pipeline.Database.ScalarAsync(
                $"SELECT count(*) FROM dead_letters WHERE event_code = '{code.Value}'")}");
        Assert.Equal((3L, 3L, 3L), await PipelineAssertions.RowsAsync(pipeline.Database, code));
    }

    [Fact]
    public async Task A_new_poison_message_at_a_reused_offset_is_recorded_too()
    {
        // an embedded broker that restarted hands out offset 5 again, for a different message
        var writer = pipeline.Host.Get<ICouponBatchStore>();
        var before = await pipeline.Database.ScalarAsync("SELECT count(*) FROM dead_letters WHERE source_topic = 'reused-topic'");
        await writer.WriteAsync([], [new DeadLetter("reused-topic", 0, 5, "K",
            "first poison", null, "unparseable JSON")], CancellationToken.None);
        await writer.WriteAsync([], [new DeadLetter("reused-topic", 0, 5, "K",
            "first poison", null, "unparseable JSON")], CancellationToken.None); // redelivered
        await writer.WriteAsync([], [new DeadLetter("reused-topic", 0, 5, "K",
            "second poison", null, "unparseable JSON")], CancellationToken.None);
        Assert.Equal(before + 2, await pipeline.Database.ScalarAsync(
            "SELECT count(*) FROM dead_letters WHERE source_topic = 'reused-topic'"));
    }
}
