namespace FlashSaleUI.Core.Audit;

/// <summary>The audit trail (PostgreSQL audit_log). Changes to an event are recorded by the event store in the same
/// transaction as the change; this records the other actions and reads the trail.</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditActor actor, string action, string? eventCode, string? detail, CancellationToken ct = default);

    /// <summary>Newest first; only this event's entries when <paramref name="eventCode"/> is given.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string? eventCode, int limit, CancellationToken ct = default);
}
