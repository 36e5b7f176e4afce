using System.ComponentModel.DataAnnotations;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>The "Pipeline" configuration section.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    public bool RelayEnabled { get; set; } = true;
    public bool SinkEnabled { get; set; } = true;
    public bool ReconcilerEnabled { get; set; } = true;
    /// <summary>Outbox entries read per event per round.</summary>
    [Range(1, 100_000)]
    public int RelayBatch { get; set; } = 2_000;
    /// <summary>Entries another relay read but left unacknowledged this long are taken over (it is presumed dead).</summary>
    [Range(1_000, 3_600_000)]
    public int ReclaimIdleMs { get; set; } = 15_000;
    /// <summary>Messages written to PostgreSQL per statement.</summary>
    [Range(1, 100_000)]
    public int SinkBatch { get; set; } = 5_000;
    /// <summary>How long the sink waits to fill a batch once a first message arrived.</summary>
    [Range(0, 10_000)]
    public int SinkLingerMs { get; set; } = 20;
    /// <summary>How often issued (Redis) and stored (PostgreSQL) are compared; a gap seen twice running is re-enqueued,
    /// so coupons lost with an embedded broker that died come back within about two intervals.</summary>
    [Range(1, 3_600)]
    public int ReconcileIntervalSeconds { get; set; } = 10;
    /// <summary>On a graceful stop, how long the relay and the sink may keep draining outboxes and Kafka.</summary>
    [Range(0, 600)]
    public int DrainSeconds { get; set; } = 10;
}
