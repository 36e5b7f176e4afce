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
    public int OperatorSignInFailuresPerMinute { get; set; } = 10;
    /// <summary>Live-update (SignalR) connections one app instance serves at most; more are closed at once.</summary>
    public int HubMaxConnections { get; set; } = 20_000;
}

public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Claims one member may make on one event per window: a retry or two, not a script.</summary>
    public int PerMemberPermits { get; set; } = 5;
    public int PerMemberWindowSeconds { get; set; } = 10;
    /// <summary>Claims per second from one client address. Generous: carrier NAT puts many phones behind one address.</summary>
    public int PerAddressPerSecond { get; set; } = 100;
    public int PerAddressBurst { get; set; } = 200;
    /// <summary>Coupon lookups (GET .../claims/{memberId}) per minute from one client address, and the burst.</summary>
    public int LookupsPerAddressPerMinute { get; set; } = 30;
    public int LookupsPerAddressBurst { get; set; } = 30;
}
