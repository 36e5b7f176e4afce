using System.Text.Json.Serialization;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Stats;

namespace FlashSaleUI.Hubs;

/// <summary>The hub's "stats" message: the README's event object, plus the per-outcome counters, rates and the
/// pipeline's state for the event.</summary>
public sealed record StatsMessage(
    string Code, string Name, int Stock, long Remaining, long Issued, long Persisted,
    DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<EventState>))] EventState State,
    IReadOnlyDictionary<string, long> Outcomes, ClaimRates Rates, long OutboxBacklog, DateTimeOffset SampledAt)
{
    public static StatsMessage From(StatsSnapshot s) => new(s.Event.Code, s.Event.Name, s.Event.Stock, s.Event.Remaining,
        s.Event.Issued, s.Event.Persisted, s.Event.OpensAt, s.Event.ClosesAt, s.Event.State, s.Outcomes, s.Rates,
        s.OutboxBacklog, s.SampledAt);
}
