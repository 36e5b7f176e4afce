namespace FlashSaleUI.Core.Events;

/// <summary>An event's live numbers as Redis holds them during the sale. The one type for them from the Redis read
/// to the console and the hub (inside <see cref="Stats.EventStats"/>).</summary>
public sealed record LiveCounters(
    long Remaining,
    long Issued,
    long OutboxBacklog,
    IReadOnlyDictionary<string, long> Outcomes,
    long WindowVersion = 0)
{
    private static readonly IReadOnlyDictionary<string, long> NoOutcomes = new Dictionary<string, long>();

    /// <summary>Just the totals, without attempts by outcome: a sale just placed, or one whose numbers are final.</summary>
    public static LiveCounters Totals(long remaining, long issued) => new(remaining, issued, 0, NoOutcomes);
}
