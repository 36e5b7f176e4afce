namespace FlashSaleUI.Core.Pipeline;

/// <summary>An outbox entry: a coupon Redis issued, waiting to be delivered to Kafka.</summary>
public sealed record OutboxEntry(string Id, CouponIssued Coupon);
