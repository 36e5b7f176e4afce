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
            return new CreateEventResult(CreateEventStatus.Conflict, null,
                new() { ["code"] = [$"An event with code {sale!.Code} already exists."] });
        // The record first, then Redis: a crash in between leaves a record that PlaceAllAsync places at startup.
        await live.PlaceAsync(sale!);
        return new CreateEventResult(CreateEventStatus.Created, EventView.From(sale!, null, 0, now), errors);
    }

    public async Task<EventView?> GetAsync(EventCode code, CancellationToken ct = default) =>
        (await SampleAsync([code], ct)).FirstOrDefault().Sample?.View;

    public async Task<IReadOnlyList<EventView>> ListAsync(CancellationToken ct = default) =>
        (await JoinLiveAsync(await store.ListAsync(ct))).Select(s => s.Sample.View).ToList();

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

    /// <summary>Places every event's stock and window in Redis (idempotent; run at startup).</summary>
    public async Task PlaceAllAsync(CancellationToken ct = default)
    {
        foreach (var (sale, _) in await store.ListAsync(ct))
            await live.PlaceAsync(sale);
    }

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
