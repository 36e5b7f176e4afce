namespace FlashSaleUI.Core.Events;

/// <summary>The record of a flash-sale event. Live numbers (remaining, issued) live in Redis during the sale.
/// <see cref="Version"/> grows with every change of the window, so Redis can refuse an older one.</summary>
public sealed record FlashSaleEvent(
    EventCode Code,
    string Name,
    int Stock,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset CreatedAt,
    long Version = 1)
{
    /// <summary>State at <paramref name="now"/> given the stock still left. Closing wins over everything,
    /// then the window, then the stock.</summary>
    public EventState StateAt(DateTimeOffset now, long remaining)
    {
        if (ClosedAt is not null || (ClosesAt is { } closes && now >= closes)) return EventState.Closed;
        if (OpensAt is { } opens && now < opens) return EventState.Scheduled;
        return remaining <= 0 ? EventState.SoldOut : EventState.Open;
    }

    /// <summary>The same event as submitted (a retried create), whatever its version and creation time.</summary>
    public bool SameDefinitionAs(FlashSaleEvent other) =>
        Code == other.Code && Name == other.Name && Stock == other.Stock && OpensAt == other.OpensAt && ClosesAt == other.ClosesAt;
}
