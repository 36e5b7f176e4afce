namespace FlashSaleUI.Core.Persistence.Rows;

/// <summary>A row of flash_sale_events: the durable record of a sale (PostgresEventStore reads and writes it).</summary>
public sealed class EventRow
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int Stock { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Rows in coupon_issues for this event, kept in the same transaction as the inserts.</summary>
    public long Persisted { get; set; }
    /// <summary>Bumped by each window change; Redis applies only a newer one.</summary>
    public long Version { get; set; } = 1;
}
