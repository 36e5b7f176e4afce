namespace FlashSaleUI.Core.Events;

/// <summary>An event's numbers as Redis holds them during the sale.</summary>
public sealed record LiveCounters(
    long Remaining,
    long Issued,
    long OutboxBacklog,
    IReadOnlyDictionary<string, long> Outcomes,
    long WindowVersion = 0);
