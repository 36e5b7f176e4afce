namespace FlashSaleUI.Core.Configuration;

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
