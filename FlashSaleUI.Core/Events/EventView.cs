using System.Text.Json.Serialization;

namespace FlashSaleUI.Core.Events;

/// <summary>An event as the API, the hub and the UI show it (the README's event object).</summary>
public sealed record EventView(
    string Code,
    string Name,
    int Stock,
    long Remaining,
    long Issued,
    long Persisted,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    [property: JsonConverter(typeof(CamelCaseEnumConverter<EventState>))] EventState State)
{
    public static EventView From(FlashSaleEvent sale, LiveCounters? live, long persisted, DateTimeOffset now)
    {
        // Not placed in Redis yet: nothing claimed, the full stock remains.
        var remaining = live?.Remaining ?? sale.Stock;
        return new EventView(sale.Code.Value, sale.Name, sale.Stock, remaining, live?.Issued ?? 0, persisted,
            sale.OpensAt, sale.ClosesAt, sale.StateAt(now, remaining));
    }
}
