using Confluent.Kafka;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>How far one sink consumer is behind in each partition it owns: the log's end (high watermark) minus the
/// offset of the first message not yet stored, as <c>kafka-consumer-groups --describe</c> reports a group's lag.
/// Measured on the sink's own flow (a consumer is not for concurrent use), at most once a second. While a batch waits to
/// be stored (that is when the number grows) the partitions are paused, and a paused partition's end as last fetched
/// stops moving: then the broker is asked for it.</summary>
internal sealed class SinkLag(IConsumer<string, string> consumer, PipelineMetrics metrics, TimeProvider clock)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BrokerTimeout = TimeSpan.FromSeconds(1);
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

    /// <param name="askBroker">the partitions are paused: their ends as last fetched are stale</param>
    public void Measure(bool askBroker = false)
    {
        var now = clock.GetUtcNow();
        if (now - _measuredAt < Every) return;
        _measuredAt = now;
        var assigned = consumer.Assignment;
        // a partition taken away: another consumer commits it now, and if it comes back its offset is read afresh
        foreach (var gone in _unstored.Keys.Where(p => !assigned.Contains(p)).ToList()) _unstored.Remove(gone);
        try
        {
            LearnCommitted(assigned.Where(p => !_unstored.ContainsKey(p)).ToList());
            var lag = new Dictionary<int, long>();
            foreach (var partition in assigned)
            {
                var end = askBroker ? consumer.QueryWatermarkOffsets(partition, BrokerTimeout).High
                    : consumer.GetWatermarkOffsets(partition).High;
                // no end yet: nothing fetched from the partition (every assigned one has an unstored offset by now)
                if (end == Offset.Unset || !_unstored.TryGetValue(partition, out var from)) continue;
                lag[partition.Partition.Value] = Math.Max(0, end.Value - from);
            }
            metrics.RecordSinkLag(lag);
        }
        catch (KafkaException)
        {
            // the broker did not answer in time: the last measure stands until the next one
        }
    }

    /// <summary>Partitions this consumer has neither read nor committed: the group's committed offsets, asked once;
    /// where the group never committed, reading starts at the log's beginning (auto.offset.reset=earliest).</summary>
    private void LearnCommitted(List<TopicPartition> unknown)
    {
        if (unknown.Count == 0) return;
        foreach (var committed in consumer.Committed(unknown, BrokerTimeout))
            _unstored[committed.TopicPartition] = committed.Offset == Offset.Unset
                ? Math.Max(0, consumer.GetWatermarkOffsets(committed.TopicPartition).Low.Value)
                : committed.Offset.Value;
    }

    /// <summary>The consumer closed: this instance owns no partition until the next one is assigned some.</summary>
    public void Closed() => metrics.RecordSinkLag(new Dictionary<int, long>());
}
