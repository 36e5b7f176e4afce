using System.Collections.Concurrent;
using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Stats;

namespace FlashSaleUI.Tests.Components;

// In-memory stand-ins for our own interfaces, for component tests only (integration tests use the real servers).

public sealed class InMemoryEventStore : IEventStore
{
    public ConcurrentDictionary<string, FlashSaleEvent> Events { get; } = new();

    public Task<bool> TryAddAsync(FlashSaleEvent sale, AuditActor actor, CancellationToken ct = default) =>
        Task.FromResult(Events.TryAdd(sale.Code.Value, sale));
    public Task<FlashSaleEvent?> GetAsync(EventCode code, CancellationToken ct = default) =>
        Task.FromResult(Events.GetValueOrDefault(code.Value));
    public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<(FlashSaleEvent, long)>>(Events.Values.Select(e => (e, 0L)).ToList());
    public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> GetWithPersistedAsync(IReadOnlyCollection<EventCode> codes,
        CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<(FlashSaleEvent, long)>>(
            codes.Where(c => Events.ContainsKey(c.Value)).Select(c => (Events[c.Value], 0L)).ToList());
    public Task<(EventDecision Decision, FlashSaleEvent? Changed)> ChangeAsync(EventCode code, Func<FlashSaleEvent, EventDecision> decide,
        AuditActor actor, string action, CancellationToken ct = default)
    {
        if (!Events.TryGetValue(code.Value, out var current)) return Task.FromResult((EventDecision.NotFound, (FlashSaleEvent?)null));
        var decision = decide(current);
        if (decision.Updated is not { } updated) return Task.FromResult((decision, (FlashSaleEvent?)null));
        var changed = Events[code.Value] = updated with { Version = current.Version + 1 };
        return Task.FromResult((decision, (FlashSaleEvent?)changed));
    }
    public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListActiveAsync(DateTimeOffset now, CancellationToken ct = default) =>
        ListAsync(ct);
    public async IAsyncEnumerable<IReadOnlyList<Grant>> StoredGrantsAsync(EventCode code, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.CompletedTask;
        yield break; // component tests store no coupons
    }
}

public sealed class InMemoryLiveEventStore : ILiveEventStore
{
    public ConcurrentDictionary<string, FlashSaleEvent> Placed { get; } = new();
    public Task<Placement> PlaceAsync(FlashSaleEvent sale, IReadOnlyCollection<Grant>? grants = null, bool last = true)
    {
        Placed[sale.Code.Value] = sale;
        return Task.FromResult(new Placement(PlacementChange.Placed, 0, sale.Stock));
    }
    public Task<LiveCounters?> ReadAsync(EventCode code) => Task.FromResult<LiveCounters?>(null);
}

/// <summary>A feed the test publishes into by hand.</summary>
public sealed class ManualStatsFeed : IStatsFeed
{
    private readonly List<(EventCode Code, Func<EventStats, Task> OnUpdate)> _subscribers = [];
    public int Subscribers => _subscribers.Count;

    public IDisposable Subscribe(EventCode code, Func<EventStats, Task> onUpdate)
    {
        var entry = (code, onUpdate);
        _subscribers.Add(entry);
        return new Unsubscriber(() => _subscribers.Remove(entry));
    }

    public EventStats? Latest(EventCode code) => null;

    public Task PublishAsync(EventStats snapshot) =>
        Task.WhenAll(_subscribers.Where(s => s.Code.Value == snapshot.Event.Code).Select(s => s.OnUpdate(snapshot)));

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

/// <summary>Stored coupons in a list, paged by member id like the real one.</summary>
public sealed class InMemoryStoredCoupons : FlashSaleUI.Core.Coupons.IStoredCoupons
{
    public List<FlashSaleUI.Core.Coupons.StoredCoupon> Coupons { get; } = [];

    private IEnumerable<FlashSaleUI.Core.Coupons.StoredCoupon> Matching(string? prefix) =>
        Coupons.Where(c => string.IsNullOrEmpty(prefix) || c.MemberId.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(c => c.MemberId, StringComparer.Ordinal);

    public Task<FlashSaleUI.Core.Coupons.StoredCoupon?> FindAsync(EventCode code, MemberId member, CancellationToken ct = default) =>
        Task.FromResult(Coupons.FirstOrDefault(c => c.MemberId == member.Value));

    public Task<FlashSaleUI.Core.Coupons.CouponPage> PageAsync(EventCode code, FlashSaleUI.Core.Coupons.CouponQuery query,
        CancellationToken ct = default)
    {
        var rest = Matching(query.MemberPrefix).Where(c => string.CompareOrdinal(c.MemberId, query.After ?? "") > 0).ToList();
        var page = rest.Take(query.Limit).ToList();
        return Task.FromResult(new FlashSaleUI.Core.Coupons.CouponPage(page, rest.Count > query.Limit ? page[^1].MemberId : null));
    }

    public Task WriteCsvAsync(EventCode code, TextWriter output, CancellationToken ct = default) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> WithoutStoredCouponAsync(EventCode code, IReadOnlyCollection<string> members,
        CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<string>>(members.Where(m => Coupons.All(c => c.MemberId != m)).ToList());

    public Task<long> CountAsync(EventCode code, string? memberPrefix = null, CancellationToken ct = default) =>
        Task.FromResult((long)Matching(memberPrefix).Count());
}

/// <summary>An audit trail in a list, newest first.</summary>
public sealed class InMemoryAuditLog : FlashSaleUI.Core.Audit.IAuditLog
{
    public List<FlashSaleUI.Core.Audit.AuditEntry> Entries { get; } = [];

    public Task RecordAsync(FlashSaleUI.Core.Audit.AuditActor actor, string action, string? eventCode, string? detail,
        CancellationToken ct = default)
    {
        Entries.Add(new(Entries.Count + 1, DateTimeOffset.UtcNow, actor.Name, actor.Address, action, eventCode, null, null, detail));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FlashSaleUI.Core.Audit.AuditEntry>> ListAsync(string? eventCode, int limit, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<FlashSaleUI.Core.Audit.AuditEntry>>(Entries.Where(e => eventCode is null || e.EventCode == eventCode)
            .OrderByDescending(e => e.Id).Take(limit).ToList());
}
