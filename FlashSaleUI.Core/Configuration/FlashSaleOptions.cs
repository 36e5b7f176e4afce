using System.ComponentModel.DataAnnotations;

namespace FlashSaleUI.Core.Configuration;

/// <summary>The "FlashSale" configuration section (FlashSale__OperatorUser, ...; README: Configuration).</summary>
public sealed class FlashSaleOptions
{
    public const string Section = "FlashSale";

    public string OperatorUser { get; set; } = "operator";
    /// <summary>Unset: a random password is generated and printed at startup. Never a fixed default.</summary>
    public string? OperatorPassword { get; set; }
    public RateLimitOptions RateLimit { get; set; } = new();
    /// <summary>Failed operator sign-ins (Basic or form) one address may make per minute before it is refused.</summary>
    [PositiveCount]
    public int OperatorSignInFailuresPerMinute { get; set; } = 10;
    /// <summary>Live-update (SignalR) connections one app instance serves at most; more are closed at once.</summary>
    [Range(1, 10_000_000)]
    public int HubMaxConnections { get; set; } = 20_000;
    /// <summary>Answer claims on a sold-out sale from memory (see SoldOutShortcut); off: every claim asks Redis.</summary>
    public bool SoldOutShortcut { get; set; } = true;
    /// <summary>The largest sale (in granted coupons) whose winners an instance keeps in memory for the shortcut.</summary>
    [Range(0, 10_000_000)]
    public int SoldOutShortcutMaxGrants { get; set; } = 200_000;
    /// <summary>How many (sale, member) repeat claimers an instance remembers to answer "duplicate" from memory (see
    /// KnownWinners); 0: every repeated claim asks Redis.</summary>
    [Range(0, 10_000_000)]
    public int KnownWinnersMax { get; set; } = 100_000;
}
