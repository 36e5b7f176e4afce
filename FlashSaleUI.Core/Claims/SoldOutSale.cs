using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Claims;

/// <summary>A sale known to be sold out: its final winners, the window version they were read under, when the
/// shortcut must stop (its closing time, a little early), and the refusals answered since the last flush.</summary>
public sealed class SoldOutSale(EventCode code, IReadOnlyCollection<string> winners, long windowVersion, DateTimeOffset? until)
{
    private readonly HashSet<string> _winners = winners as HashSet<string> ?? new HashSet<string>(winners, StringComparer.Ordinal);
    private long _duplicates;
    private long _soldOut;

    public EventCode Code { get; } = code;
    public long WindowVersion { get; } = windowVersion;
    public DateTimeOffset? Until { get; } = until;
    public int Winners => _winners.Count;

    /// <summary>What claim.lua would answer now: "duplicate" to a winner, "sold out" to anyone else.</summary>
    public ClaimResult Answer(string member)
    {
        if (_winners.Contains(member))
        {
            Interlocked.Increment(ref _duplicates);
            return ClaimResult.Duplicate;
        }
        Interlocked.Increment(ref _soldOut);
        return ClaimResult.SoldOut;
    }

    public (long Duplicates, long SoldOut) TakeCounts() =>
        (Interlocked.Exchange(ref _duplicates, 0), Interlocked.Exchange(ref _soldOut, 0));

    public void ReturnCounts(long duplicates, long soldOut)
    {
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _soldOut, soldOut);
    }
}
