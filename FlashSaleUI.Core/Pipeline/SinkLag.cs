using Confluent.Kafka;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>How far one sink consumer is behind in each partition it owns and has read from: the log's end (high
/// watermark, as last fetched) minus the offset of the first message not yet stored, as <c>kafka-consumer-groups
/// --describe</c> reports a group's lag. A partition nothing was fetched from has no measure: no request is made to the
/// broker for it. Measured on the sink's own flow (a consumer is not for concurrent use), at most once a second, and
/// also while a batch waits to be stored: that is when the number grows.</summary>
internal sealed class SinkLag(IConsumer<string, string> consumer, PipelineMetrics metrics, TimeProvider clock)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    // per partition, the first offset not yet stored: what the group has committed, as this consumer knows it
    private readonly Dictionary<TopicPartition, long> _unstored = [];
    private DateTimeOffset _measuredAt = DateTimeOffset.MinValue;

    /// <summary>A message was read: where its partition has no commit of this consumer's yet, the first message read is
    /// where the group's committed offset stood.</summary>
    public void Read(ConsumeResult<string, string> message) => _unstored.TryAdd(message.TopicPartition, message.Offset.Value);

    public void Committed(IEnumerable<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets) _unstored[offset.TopicPartition] = offset.Offset.Value;
    }

    public void Measure()
    {
        var now = clock.GetUtcNow();
        if (now - _measuredAt < Every) return;
        _measuredAt = now;
        var lag = new Dictionary<int, long>();
        var assigned = consumer.Assignment;
        // a partition taken away: another consumer commits it now, and if it comes back its offset is read afresh
        foreach (var gone in _unstored.Keys.Where(p => !assigned.Contains(p)).ToList()) _unstored.Remove(gone);
        foreach (var partition in assigned)
        {
            var end = consumer.GetWatermarkOffsets(partition).High;
            if (end == Offset.Unset) continue;
            var from = _unstored.TryGetValue(partition, out var unstored) ? unstored : consumer.Position(partition).Value;
            if (from >= 0) lag[partition.Partition.Value] = Math.Max(0, end.Value - from);
        }
        metrics.RecordSinkLag(lag);
    }

    /// <summary>The consumer closed: this instance owns no partition until the next one is assigned some.</summary>
    public void Closed() => metrics.RecordSinkLag(new Dictionary<int, long>());
}
