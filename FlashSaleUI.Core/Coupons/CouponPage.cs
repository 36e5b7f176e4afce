namespace FlashSaleUI.Core.Coupons;

/// <summary><see cref="Next"/> is null on the last page.</summary>
public sealed record CouponPage(IReadOnlyList<StoredCoupon> Items, string? Next);
