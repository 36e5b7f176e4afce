using System.ComponentModel.DataAnnotations;

namespace FlashSaleUI.Core.Configuration;

public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Claims one member may make on one event per window: a retry or two, not a script.</summary>
    [PositiveCount]
    public int PerMemberPermits { get; set; } = 5;
    [Range(1, 86_400)]
    public int PerMemberWindowSeconds { get; set; } = 10;
    /// <summary>Claims per second from one client address. Generous: carrier NAT puts many phones behind one address.</summary>
    [PositiveCount]
    public int PerAddressPerSecond { get; set; } = 100;
    [PositiveCount]
    public int PerAddressBurst { get; set; } = 200;
    /// <summary>Operator sign-ins (form, two-factor code, token creation) per minute from one client address, and the burst.</summary>
    [PositiveCount]
    public int SignInsPerAddressPerMinute { get; set; } = 10;
    [PositiveCount]
    public int SignInsPerAddressBurst { get; set; } = 10;
    /// <summary>Member tickets issued per second to one client address, and the burst (a member needs one per sale night).</summary>
    [PositiveCount]
    public int TicketsPerAddressPerSecond { get; set; } = 20;
    [PositiveCount]
    public int TicketsPerAddressBurst { get; set; } = 100;
    /// <summary>Coupon lookups (GET .../claims/me) per minute from one client address, and the burst.</summary>
    [PositiveCount]
    public int LookupsPerAddressPerMinute { get; set; } = 30;
    [PositiveCount]
    public int LookupsPerAddressBurst { get; set; } = 30;
}
