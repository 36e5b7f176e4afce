namespace FlashSaleUI.Core.Persistence.Rows;

/// <summary>A row of dead_letters: a message the sink could never store, kept for operators to inspect and replay.</summary>
public sealed class DeadLetterRow
{
    public long Id { get; set; }
    public string SourceTopic { get; set; } = "";
    public int SourcePartition { get; set; }
    public long SourceOffset { get; set; }
    public string? MessageKey { get; set; }
    public string? MessageValue { get; set; }
    public string? EventCode { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset DeadLetteredAt { get; set; }
    public DateTimeOffset? ReplayedAt { get; set; }
    /// <summary>What the message said: an embedded broker that restarted reuses offsets.</summary>
    public string Fingerprint { get; set; } = "";
}
