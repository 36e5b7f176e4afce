namespace FlashSaleUI.Core.Persistence;

public sealed class EventEntity
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Stock { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Persisted { get; set; }
    public long Version { get; set; }
}
