namespace FlashSaleUI.Security;

/// <summary>A coupon lookup answers "what is my code" for the ticket's member: one address gets a handful a minute,
/// enough for a member checking their own. The policy is an address token bucket (ClaimRateLimiting registers it).</summary>
public static class CouponLookupLimiting
{
    public const string Policy = "coupon-lookups-by-address";
}
