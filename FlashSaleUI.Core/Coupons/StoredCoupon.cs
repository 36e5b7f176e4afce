namespace FlashSaleUI.Core.Coupons;

/// <summary>A coupon PostgreSQL holds: who won it, the code they redeem, and when Redis granted it.</summary>
public sealed record StoredCoupon(string MemberId, string CouponCode, DateTimeOffset IssuedAt);
