namespace FlashSaleUI.Core.Events;

public enum CreateEventStatus { Created, Invalid, Conflict }

/// <summary>One live sample of an event: its view, attempts by outcome, and what waits in its outbox.</summary>
public sealed record EventSample(EventView View, IReadOnlyDictionary<string, long> Outcomes, long OutboxBacklog);

public sealed record CreateEventResult(CreateEventStatus Status, EventView? Event, Dictionary<string, string[]> Errors);

/// <summary>Creating, reading, opening and closing events: the durable record (PostgreSQL) joined with the
/// live numbers (Redis). The one place pages and endpoints go for events.</summary>
public sealed class EventService(IEventStore store, ILiveEventStore live, TimeProvider clock)
{
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

    /// <summary>Samples several events at once: one PostgreSQL query, one Redis call per event.</summary>
    public async Task<IReadOnlyList<(EventCode Code, EventSample Sample)>> SampleAsync(IReadOnlyCollection<EventCode> codes, CancellationToken ct = default) =>
        await JoinLiveAsync(await store.GetWithPersistedAsync(codes, ct));

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
        if (updated is null) return null;
        await live.PlaceAsync(updated);
        return await GetAsync(code, ct);
    }
}
