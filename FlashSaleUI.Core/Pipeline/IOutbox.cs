using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>The per-event outboxes that claim.lua appends to (Redis streams read through a consumer group).</summary>
public interface IOutbox
{
    /// <summary>Events registered as having an outbox to walk (placed, not yet ended and drained).</summary>
    Task<IReadOnlyList<EventCode>> EventCodesAsync();
    /// <summary>Takes an ended, drained event out of that register.</summary>
    Task ForgetAsync(EventCode code);
    /// <summary>Entries never delivered to any relay (<paramref name="ownPending"/> false), or this consumer's own
    /// entries that were read but not acknowledged (true).</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadAsync(EventCode code, string consumer, int count, bool ownPending);
    Task<IReadOnlyList<OutboxEntry>> ReclaimAsync(EventCode code, string consumer, TimeSpan minIdle, int count);
    Task AcknowledgeAsync(EventCode code, IReadOnlyCollection<string> ids);
    /// <summary>Members holding a coupon in Redis, a page at a time.</summary>
    IAsyncEnumerable<IReadOnlyList<string>> GrantedMembersAsync(EventCode code, int pageSize, CancellationToken ct = default);
    Task<int> RequeueAsync(EventCode code, IReadOnlyCollection<string> members);
}
