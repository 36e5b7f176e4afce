namespace FlashSaleUI.Api;

/// <summary>{"status":"issued","couponCode":"..."}: a member's stored coupon.</summary>
public sealed record CouponLookupResponse(string Status, string CouponCode);
