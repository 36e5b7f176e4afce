namespace FlashSaleUI.Core.Persistence.Rows;

/// <summary>A row of coupon_issues: one issued coupon, one per member per event (written by the sink's COPY).</summary>
public sealed class CouponRow
{
    public string EventCode { get; set; } = "";
    public string MemberId { get; set; } = "";
    public string ClaimId { get; set; } = "";
    public string CouponCode { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset PersistedAt { get; set; }
}
