namespace FlashSaleUI.Core.Coupons;

public enum CouponOrder { MemberId, IssuedAt }
