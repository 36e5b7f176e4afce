using System.Text.Json.Serialization;
using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Stats;

/// <summary>One sample of a sale as the live views show it: the event object, its live counters, the rates since the
/// previous sample, and when it was taken. Sent as the hub's "stats" message, flat (see
/// <see cref="EventStatsJsonConverter"/>).</summary>
[JsonConverter(typeof(EventStatsJsonConverter))]
public sealed record EventStats(EventView Event, LiveCounters Live, ClaimRates Rates, DateTimeOffset SampledAt)
{
    public IReadOnlyDictionary<string, long> Outcomes => Live.Outcomes;

    /// <summary>Issued in Redis but not yet in Kafka.</summary>
    public long OutboxBacklog => Live.OutboxBacklog;

    /// <summary>Issued in Redis but not yet a PostgreSQL row.</summary>
    public long PersistLag => Math.Max(0, Event.Issued - Event.Persisted);

    /// <summary>At the current issue rate, when the stock runs out; null when nothing is being issued.</summary>
    public DateTimeOffset? EstimatedSellOut =>
        Event.Remaining > 0 && Rates.Issued > 0.5 ? SampledAt.AddSeconds(Event.Remaining / Rates.Issued) : null;

    /// <summary>Equal in everything a viewer sees (the sample time aside): no need to send it again.</summary>
    public bool SameAs(EventStats? other) =>
        other is not null && other.Event == Event && other.Rates == Rates && other.OutboxBacklog == OutboxBacklog
        && other.Outcomes.Count == Outcomes.Count
        && Outcomes.All(o => other.Outcomes.TryGetValue(o.Key, out var v) && v == o.Value);
}
