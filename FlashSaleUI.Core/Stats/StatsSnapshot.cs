using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Stats;

/// <summary>What the live views show for one event: the README's event object plus the per-outcome counters,
/// the rates, and the pipeline's state for this event. Sent as the hub's "stats" message.</summary>
public sealed record StatsSnapshot(
    EventView Event,
    IReadOnlyDictionary<string, long> Outcomes,
    ClaimRates Rates,
    long OutboxBacklog,
    DateTimeOffset SampledAt)
{
    /// <summary>Issued in Redis but not yet a PostgreSQL row.</summary>
    public long PersistLag => Math.Max(0, Event.Issued - Event.Persisted);

    /// <summary>At the current issue rate, when the stock runs out; null when nothing is being issued.</summary>
    public DateTimeOffset? EstimatedSellOut =>
        Event.Remaining > 0 && Rates.Issued > 0.5 ? SampledAt.AddSeconds(Event.Remaining / Rates.Issued) : null;

    /// <summary>Equal in everything a viewer sees (the sample time aside): no need to send it again.</summary>
    public bool SameAs(StatsSnapshot? other) =>
        other is not null && other.Event == Event && other.Rates == Rates && other.OutboxBacklog == OutboxBacklog
        && other.Outcomes.Count == Outcomes.Count && Outcomes.All(o => other.Outcomes.TryGetValue(o.Key, out var v) && v == o.Value);
}
