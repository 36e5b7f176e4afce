namespace FlashSaleUI.Core.Persistence;

public sealed class CouponIssueEntity
{
    public required string EventCode { get; set; }
    public required string MemberId { get; set; }
    public required string ClaimId { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset PersistedAt { get; set; }
}
