namespace FlashSaleUI.Core.Events;

/// <summary>The durable record of events (PostgreSQL).</summary>
public interface IEventStore
{
    /// <summary>False when an event with this code already exists.</summary>
    Task<bool> TryAddAsync(FlashSaleEvent sale, CancellationToken ct = default);
    Task<FlashSaleEvent?> GetAsync(EventCode code, CancellationToken ct = default);
    /// <summary>Every event with its persisted row count (kept on the event row), newest first, in one query.</summary>
    Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListAsync(CancellationToken ct = default);
    /// <summary>These events with their persisted row counts, in one query.</summary>
    Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> GetWithPersistedAsync(IReadOnlyCollection<EventCode> codes, CancellationToken ct = default);
    /// <summary>Sets the window and bumps the version, atomically; null when there is no such event.</summary>
    Task<FlashSaleEvent?> UpdateWindowAsync(EventCode code, DateTimeOffset? opensAt, DateTimeOffset? closedAt, CancellationToken ct = default);
    /// <summary>Events that can still take claims or just stopped (not closed or past their closing for more than a
    /// day, not all stock stored yet), with
    /// their persisted counts: what the live-state watch and the pipeline walk, whatever the history holds.</summary>
    Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListActiveAsync(DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Members with a stored coupon for the event, a page at a time (the durable record of grants).</summary>
    IAsyncEnumerable<IReadOnlyList<string>> StoredMembersAsync(EventCode code, int pageSize, CancellationToken ct = default);
}
