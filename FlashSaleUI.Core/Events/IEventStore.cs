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
    Task<FlashSaleEvent?> UpdateWindowAsync(EventCode code, DateTimeOffset? opensAt, DateTimeOffset? closedAt, CancellationToken ct = default);
}
