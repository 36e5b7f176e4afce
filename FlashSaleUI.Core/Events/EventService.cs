namespace FlashSaleUI.Core.Events;

public enum CreateEventStatus { Created, Invalid, Conflict }

/// <summary>One live sample of an event: its view, attempts by outcome, and what waits in its outbox.</summary>
public sealed record EventSample(EventView View, IReadOnlyDictionary<string, long> Outcomes, long OutboxBacklog);

public sealed record CreateEventResult(CreateEventStatus Status, EventView? Event, Dictionary<string, string[]> Errors);

/// <summary>Creating, reading, opening and closing events: the durable record (PostgreSQL) joined with the
/// live numbers (Redis). The one place pages and endpoints go for events.</summary>
public sealed class EventService(IEventStore store, ILiveEventStore live, TimeProvider clock)
{
    /// <summary>How long a sampled record (name, window) is reused before PostgreSQL is asked again; changes made on
    /// this instance are seen at once, changes made on another instance within this time.</summary>
    public static readonly TimeSpan RecordTtl = TimeSpan.FromSeconds(2);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<EventCode, (FlashSaleEvent Sale, long Persisted, DateTimeOffset ReadAt)> _records = new();

    public async Task<CreateEventResult> CreateAsync(NewEvent input, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (!EventValidation.TryCreate(input, now, out var sale, out var errors))
            return new CreateEventResult(CreateEventStatus.Invalid, null, errors);
        if (!await store.TryAddAsync(sale!, ct))
        {
            // The record first, then Redis. If placing failed after the record was written, the operator's retry
            // of the same event must finish the job, not answer 409 and leave claims finding nothing.
            var existing = await store.GetAsync(sale!.Code, ct);
            if (existing is null || !existing.SameDefinitionAs(sale))
                return new CreateEventResult(CreateEventStatus.Conflict, null,
                    new() { ["code"] = [$"An event with code {sale.Code} already exists."] });
            sale = existing;
        }
        var placement = await live.PlaceAsync(sale!);
        return new CreateEventResult(CreateEventStatus.Created,
            EventView.From(sale!, new LiveCounters(placement.Remaining, placement.Issued, 0, new Dictionary<string, long>()), 0, now), errors);
    }

    public async Task<EventView?> GetAsync(EventCode code, CancellationToken ct = default) =>
        (await SampleAsync([code], ct)).FirstOrDefault().Sample?.View;

    /// <summary>Every event; Redis is asked only about the active ones. An event that ended long ago or whose whole
    /// stock is stored has final numbers in PostgreSQL, so a long history costs one query, not a Redis call each.</summary>
    public async Task<IReadOnlyList<EventView>> ListAsync(CancellationToken ct = default)
    {
        var all = await store.ListAsync(ct);
        var active = (await store.ListActiveAsync(clock.GetUtcNow(), ct)).Select(a => a.Sale.Code).ToHashSet();
        var live = await JoinLiveAsync(all.Where(s => active.Contains(s.Sale.Code)).ToList());
        var byCode = live.ToDictionary(l => l.Code, l => l.Sample.View);
        var now = clock.GetUtcNow();
        return all.Select(s => byCode.TryGetValue(s.Sale.Code, out var view) ? view
            : EventView.From(s.Sale, new LiveCounters(s.Sale.Stock - s.Persisted, s.Persisted, 0, new Dictionary<string, long>()), s.Persisted, now))
            .ToList();
    }

    /// <summary>Samples several events at once: one Redis call per event, and PostgreSQL only for events whose
    /// record is not known here, is older than <see cref="RecordTtl"/>, or whose stored count can have moved (Redis
    /// has issued more than was stored). A quiet sale is not re-read from PostgreSQL on every tick.</summary>
    public async Task<IReadOnlyList<(EventCode Code, EventSample Sample)>> SampleAsync(IReadOnlyCollection<EventCode> codes, CancellationToken ct = default)
    {
        var counters = (await Task.WhenAll(codes.Select(live.ReadAsync))).Zip(codes, (c, code) => (Code: code, Live: c)).ToList();
        var now = clock.GetUtcNow();
        var stale = counters.Where(c => !_records.TryGetValue(c.Code, out var r) || now - r.ReadAt >= RecordTtl
                                        || (c.Live?.Issued ?? -1) != r.Persisted).Select(c => c.Code).ToList();
        if (stale.Count > 0)
        {
            if (_records.Count > 10_000) _records.Clear();
            var found = await store.GetWithPersistedAsync(stale, ct);
            foreach (var code in stale) _records.TryRemove(code, out _);
            foreach (var (sale, persisted) in found) _records[sale.Code] = (sale, persisted, now);
        }
        now = clock.GetUtcNow();
        return counters.Where(c => _records.ContainsKey(c.Code)).Select(c =>
        {
            var (sale, persisted, _) = _records[c.Code];
            return (c.Code, new EventSample(EventView.From(sale, c.Live, persisted, now),
                c.Live?.Outcomes ?? new Dictionary<string, long>(), c.Live?.OutboxBacklog ?? 0));
        }).ToList();
    }

    /// <summary>The record (with its persisted count) joined with what Redis holds for each event now.</summary>
    private async Task<IReadOnlyList<(EventCode Code, EventSample Sample)>> JoinLiveAsync(IReadOnlyList<(FlashSaleEvent Sale, long Persisted)> sales)
    {
        var counters = await Task.WhenAll(sales.Select(s => live.ReadAsync(s.Sale.Code)));
        var now = clock.GetUtcNow();
        return sales.Select((s, i) => (s.Sale.Code, new EventSample(
            EventView.From(s.Sale, counters[i], s.Persisted, now),
            counters[i]?.Outcomes ?? new Dictionary<string, long>(),
            counters[i]?.OutboxBacklog ?? 0))).ToList();
    }

    /// <summary>Opens now: the opening time moves to now if it was later, and a close is undone.</summary>
    public Task<EventView?> OpenAsync(EventCode code, CancellationToken ct = default) =>
        ChangeWindowAsync(code, s => (s.OpensAt is { } o && o > clock.GetUtcNow() ? clock.GetUtcNow() : s.OpensAt, null), ct);

    public Task<EventView?> CloseAsync(EventCode code, CancellationToken ct = default) =>
        ChangeWindowAsync(code, s => (s.OpensAt, s.ClosedAt ?? clock.GetUtcNow()), ct);

    private async Task<EventView?> ChangeWindowAsync(EventCode code,
        Func<FlashSaleEvent, (DateTimeOffset? OpensAt, DateTimeOffset? ClosedAt)> change, CancellationToken ct)
    {
        var sale = await store.GetAsync(code, ct);
        if (sale is null) return null;
        var (opensAt, closedAt) = change(sale);
        var updated = await store.UpdateWindowAsync(code, opensAt, closedAt, ct);
        _records.TryRemove(code, out _);
        if (updated is null) return null;
        await live.PlaceAsync(updated);
        return await GetAsync(code, ct);
    }
}
