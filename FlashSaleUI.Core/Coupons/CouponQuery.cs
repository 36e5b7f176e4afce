namespace FlashSaleUI.Core.Coupons;

/// <summary>A page of an event's stored coupons: members starting with <see cref="MemberPrefix"/>, after the
/// <see cref="After"/> cursor (the previous page's <see cref="CouponPage.Next"/>), at most <see cref="Limit"/>.</summary>
public sealed record CouponQuery(string? MemberPrefix = null, string? After = null, int Limit = CouponQuery.DefaultLimit,
    CouponOrder Order = CouponOrder.MemberId)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}
