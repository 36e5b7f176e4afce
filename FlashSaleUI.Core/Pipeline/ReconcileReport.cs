namespace FlashSaleUI.Core.Pipeline;

/// <summary>Per event: issued (Redis) against persisted (PostgreSQL), once the event's outbox is empty.</summary>
public sealed record ReconcileReport(string EventCode, long Issued, long OutboxBacklog, long Persisted, long DeadLettered, int Requeued);
