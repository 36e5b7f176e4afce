using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Claims;

/// <summary>A sale known to be sold out: its final winners, the window version they were read under, and when the
/// shortcut must stop (its closing time, a little early).</summary>
public sealed class SoldOutSale(EventCode code, IReadOnlyCollection<string> winners, long windowVersion, DateTimeOffset? until)
{
    private readonly HashSet<string> _winners = winners as HashSet<string> ?? new HashSet<string>(winners, StringComparer.Ordinal);

    public EventCode Code { get; } = code;
    public long WindowVersion { get; } = windowVersion;
    public DateTimeOffset? Until { get; } = until;
    public int Winners => _winners.Count;

    /// <summary>What claim.lua would answer now: "duplicate" to a winner, "sold out" to anyone else.</summary>
    public ClaimResult Answer(string member) => _winners.Contains(member) ? ClaimResult.Duplicate : ClaimResult.SoldOut;
}
