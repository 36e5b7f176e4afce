using FlashSaleUI.Core.Audit;

namespace FlashSaleUI.Core.Events;

/// <summary>The durable record of events (PostgreSQL).</summary>
public interface IEventStore
{
    /// <summary>False when an event with this code already exists. A new event is audited in the same transaction.</summary>
    Task<bool> TryAddAsync(FlashSaleEvent sale, AuditActor actor, CancellationToken ct = default);
    Task<FlashSaleEvent?> GetAsync(EventCode code, CancellationToken ct = default);
    /// <summary>Every event with its persisted row count (kept on the event row), newest first, in one query.</summary>
    Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListAsync(CancellationToken ct = default);
    /// <summary>These events with their persisted row counts, in one query.</summary>
    Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> GetWithPersistedAsync(IReadOnlyCollection<EventCode> codes,
        CancellationToken ct = default);
    /// <summary>Changes an event under its row lock: <paramref name="decide"/> sees the current record and returns the
    /// new one or a refusal; the store bumps the version, and the change and its audit entry (<paramref name="action"/>,
    /// before and after) commit together. Concurrent changes are serialised and each gets its own version.</summary>
    Task<(EventDecision Decision, FlashSaleEvent? Changed)> ChangeAsync(EventCode code, Func<FlashSaleEvent, EventDecision> decide,
        AuditActor actor, string action, CancellationToken ct = default);
    /// <summary>Events that can still take claims or just stopped (not closed or past their closing for more than a
    /// day, not all stock stored yet), with
    /// their persisted counts: what the live-state watch and the pipeline walk, whatever the history holds.</summary>
    Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListActiveAsync(DateTimeOffset now, CancellationToken ct = default);
    /// <summary>The stored coupons of the event as grants, a page at a time (the durable record of grants).</summary>
    IAsyncEnumerable<IReadOnlyList<Grant>> StoredGrantsAsync(EventCode code, int pageSize, CancellationToken ct = default);
}
