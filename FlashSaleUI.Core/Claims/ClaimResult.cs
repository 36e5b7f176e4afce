namespace FlashSaleUI.Core.Claims;

/// <summary>The answer to one claim. <see cref="Remaining"/> is the stock left after an issued claim and
/// <see cref="CouponCode"/> the member's code, else both are null.</summary>
public readonly record struct ClaimResult(ClaimStatus Status, long? Remaining = null, string? CouponCode = null)
{
    public static readonly ClaimResult Duplicate = new(ClaimStatus.Duplicate);
    public static readonly ClaimResult SoldOut = new(ClaimStatus.SoldOut);
    public static readonly ClaimResult NotFound = new(ClaimStatus.NotFound);
    public static readonly ClaimResult NotOpen = new(ClaimStatus.NotOpen);
    public static ClaimResult Issued(long remaining, string? couponCode = null) => new(ClaimStatus.Issued, remaining, couponCode);

    /// <summary>Maps claim.lua's return code (see its header); a grant carries the coupon code of its claim id.</summary>
    public static ClaimResult FromScript(long code, string? claimId = null) => code switch
    {
        >= 0 => Issued(code, claimId is null ? null : Claims.CouponCode.From(claimId)),
        -1 => NotFound,
        -2 => SoldOut,
        -3 => Duplicate,
        -4 => NotOpen,
        _ => throw new InvalidOperationException($"claim.lua returned an unknown code {code}."),
    };
}
