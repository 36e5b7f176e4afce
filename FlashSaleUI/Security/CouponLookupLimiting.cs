namespace FlashSaleUI.Security;

/// <summary>A coupon lookup answers "what is this member's code": anyone who knows a member id could ask, so one
/// address gets a handful a minute (enough for a member checking their own), never enough to walk a member list.
/// The policy is an address token bucket (ClaimRateLimiting registers it).</summary>
public static class CouponLookupLimiting
{
    public const string Policy = "coupon-lookups-by-address";
}
