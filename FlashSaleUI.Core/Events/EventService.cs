using System.Collections.Concurrent;
using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Hosting;
using FlashSaleUI.Core.Stats;

namespace FlashSaleUI.Core.Events;

/// <summary>Creating, reading, opening and closing events: the durable record (PostgreSQL) joined with the
/// live numbers (Redis). The one place pages and endpoints go for events.</summary>
public sealed class EventService(IEventStore store, ILiveEventStore live, TimeProvider clock)
{
    /// <summary>How long a sampled record (name, window) is reused before PostgreSQL is asked again; changes made on
    /// this instance are seen at once, changes made on another instance within this time.</summary>
    public static readonly TimeSpan RecordTtl = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<EventCode, (FlashSaleEvent Sale, long Persisted, DateTimeOffset ReadAt)> _records = new();
    /// <summary>While PostgreSQL is down, how long sampling keeps to the records held here before trying it again.</summary>
    public static readonly TimeSpan RecordsRetryPause = TimeSpan.FromSeconds(1);
    private DateTimeOffset _recordsUnreachableUntil;

    public async Task<CreateEventResult> CreateAsync(NewEvent input, AuditActor actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (!EventValidation.TryCreate(input, now, out var sale, out var errors))
            return new CreateEventResult(CreateEventStatus.Invalid, null, errors);
        if (await store.TryAddAsync(sale!, actor, ct))
        {
            var placement = await live.PlaceAsync(sale!);
            return Created(sale!, placement, now, errors);
        }
        // The record first, then Redis. If placing failed after the record was written, the operator's retry of the
        // same event must finish the job, not answer 409 and leave claims finding nothing. Any other second create of
        // a code, the same definition included, is a conflict: the code exists.
        var existing = (await store.GetWithPersistedAsync([sale!.Code], ct)).FirstOrDefault();
        if (existing.Sale is { } half && half.SameDefinitionAs(sale) && existing.Persisted == 0
            && await live.ReadAsync(half.Code) is null)
        {
            // nothing was ever claimed (no stored coupon, no live state), so placing without grants gives nothing back
            var placement = await live.PlaceAsync(half);
            if (placement.Change == PlacementChange.Placed) return Created(half, placement, now, errors);
        }
        return new CreateEventResult(CreateEventStatus.Conflict, null,
            new() { ["code"] = [$"An event with code {sale.Code} already exists."] });
    }

    private static CreateEventResult Created(FlashSaleEvent sale, Placement placement, DateTimeOffset now,
        Dictionary<string, string[]> errors) =>
        new(CreateEventStatus.Created, EventView.From(sale, LiveCounters.Totals(placement.Remaining, placement.Issued), 0, now), errors);

    public async Task<EventView?> GetAsync(EventCode code, CancellationToken ct = default) =>
        (await SampleAsync([code], ct)).FirstOrDefault().Stats?.Event;

    /// <summary>How stale the public event read may be: every member page reads it once a second, and members arrive
    /// all at once. Concurrent readers of a code share one read, and its answer for this long.</summary>
    public static readonly TimeSpan PublicReadMaxAge = TimeSpan.FromMilliseconds(250);
    private readonly Concurrency.SharedResults<EventCode, EventView?> _publicReads = new(PublicReadMaxAge, clock);

    /// <summary>The event as anyone may read it, at most <see cref="PublicReadMaxAge"/> old, and never older than a
    /// grant made on this instance (see <see cref="Granted"/>).</summary>
    public Task<EventView?> GetSharedAsync(EventCode code) => _publicReads.GetOrStart(code, c => GetAsync(c));

    /// <summary>A claim on this instance was granted: the next public read of the sale reads Redis again. (Grants on
    /// other instances show within <see cref="PublicReadMaxAge"/>.) Refusals change nothing the read shows.</summary>
    public void Granted(EventCode code) => _publicReads.Forget(code);

    /// <summary>Every event; Redis is asked only about the active ones. An event that ended long ago or whose whole
    /// stock is stored has final numbers in PostgreSQL, so a long history costs one query, not a Redis call each.</summary>
    public async Task<IReadOnlyList<EventView>> ListAsync(CancellationToken ct = default)
    {
        var all = await store.ListAsync(ct);
        var active = (await store.ListActiveAsync(clock.GetUtcNow(), ct)).Select(a => a.Sale.Code).ToHashSet();
        var live = await JoinLiveAsync(all.Where(s => active.Contains(s.Sale.Code)).ToList());
        var byCode = live.ToDictionary(l => l.Code, l => l.Stats.Event);
        var now = clock.GetUtcNow();
        return all.Select(s => byCode.TryGetValue(s.Sale.Code, out var view) ? view
            : EventView.From(s.Sale, LiveCounters.Totals(s.Sale.Stock - s.Persisted, s.Persisted), s.Persisted, now))
            .ToList();
    }

    /// <summary>Samples several events at once: one Redis call per event, and PostgreSQL only for events whose
    /// record is not known here, is older than <see cref="RecordTtl"/>, or whose stored count can have moved (Redis
    /// has issued more than was stored). A quiet sale is not re-read from PostgreSQL on every tick. The stats carry
    /// no rates: rates need the previous sample, which the stats feed keeps.</summary>
    public async Task<IReadOnlyList<(EventCode Code, EventStats Stats)>> SampleAsync(IReadOnlyCollection<EventCode> codes,
        CancellationToken ct = default)
    {
        var counters = (await Task.WhenAll(codes.Select(live.ReadAsync))).Zip(codes, (c, code) => (Code: code, Live: c)).ToList();
        var now = clock.GetUtcNow();
        var stale = counters.Where(c => !_records.TryGetValue(c.Code, out var r) || now - r.ReadAt >= RecordTtl
                                        || (c.Live?.Issued ?? -1) != r.Persisted).Select(c => c.Code).ToList();
        if (stale.Count > 0 && !(now < _recordsUnreachableUntil && stale.All(_records.ContainsKey)))
        {
            if (_records.Count > 10_000) _records.Clear();
            IReadOnlyList<(FlashSaleEvent Sale, long Persisted)> found;
            try { found = await store.GetWithPersistedAsync(stale, ct); }
            catch (Exception e) when (DependencyOutage.Of(e) == DependencyOutage.PostgreSql && stale.All(_records.ContainsKey))
            {
                // PostgreSQL is down. A record changes only when an operator acts, which needs PostgreSQL, so the copy
                // held here is still the record: the sale goes on being read (live numbers from Redis), only its stored
                // count waits. Asked again after a pause, not on every read.
                _recordsUnreachableUntil = clock.GetUtcNow() + RecordsRetryPause;
                found = [];
                stale = [];
            }
            // replaced in place, never removed and re-added: a sampler running beside this one (the stats feed, an
            // operator's read) must not find a known event missing for a moment and answer "not found"
            foreach (var (sale, persisted) in found) _records[sale.Code] = (sale, persisted, now);
            foreach (var code in stale.Except(found.Select(f => f.Sale.Code))) _records.TryRemove(code, out _);
        }
        now = clock.GetUtcNow();
        var sampled = new List<(EventCode Code, EventStats Stats)>(counters.Count);
        foreach (var c in counters)
            if (_records.TryGetValue(c.Code, out var record)) sampled.Add((c.Code, Stats(record.Sale, c.Live, record.Persisted, now)));
        return sampled;
    }

    /// <summary>The record (with its persisted count) joined with what Redis holds for each event now.</summary>
    private async Task<IReadOnlyList<(EventCode Code, EventStats Stats)>> JoinLiveAsync(
        IReadOnlyList<(FlashSaleEvent Sale, long Persisted)> sales)
    {
        var counters = await Task.WhenAll(sales.Select(s => live.ReadAsync(s.Sale.Code)));
        var now = clock.GetUtcNow();
        return sales.Select((s, i) => (s.Sale.Code, Stats(s.Sale, counters[i], s.Persisted, now))).ToList();
    }

    /// <summary>A sale not placed in Redis yet has its whole stock and nothing claimed.</summary>
    private static EventStats Stats(FlashSaleEvent sale, LiveCounters? live, long persisted, DateTimeOffset now)
    {
        var view = EventView.From(sale, live, persisted, now);
        return new EventStats(view, live ?? LiveCounters.Totals(view.Remaining, view.Issued), ClaimRates.Zero, now);
    }

    /// <summary>Opens now: the opening time moves to now if it was later, and a close is undone.</summary>
    public Task<EventChangeResult> OpenAsync(EventCode code, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.Open, actor, s => EventDecision.Change(s with
        {
            OpensAt = s.OpensAt is { } o && o > clock.GetUtcNow() ? clock.GetUtcNow() : s.OpensAt, ClosedAt = null,
        }), ct);

    public Task<EventChangeResult> CloseAsync(EventCode code, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.Close, actor, s => EventDecision.Change(s with { ClosedAt = s.ClosedAt ?? clock.GetUtcNow() }), ct);

    /// <summary>Calls off a sale that has not opened yet (a running sale is closed instead).</summary>
    public Task<EventChangeResult> CancelAsync(EventCode code, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.Cancel, actor, s => s.StateAt(clock.GetUtcNow(), s.Stock) == EventState.Scheduled
            ? EventDecision.Change(s with { ClosedAt = clock.GetUtcNow() })
            : EventDecision.Conflict("Only a sale that has not opened can be cancelled; close it instead."), ct);

    /// <summary>Adds stock to a sale that has not been closed: Redis adds the same amount to what remains, atomically
    /// with claims, so a sold-out sale reopens at once.</summary>
    public Task<EventChangeResult> TopUpAsync(EventCode code, long amount, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.TopUp, actor, s =>
        {
            if (amount < 1 || s.Stock + amount > EventValidation.MaxStock)
                return EventDecision.Invalid(new() { ["add"] =
                    [$"Add a whole number from 1 to {EventValidation.MaxStock - s.Stock:N0} (stock is at most " +
                        $"{EventValidation.MaxStock:N0})."] });
            return s.StateAt(clock.GetUtcNow(), 1) == EventState.Closed
                ? EventDecision.Conflict("The sale is closed; open it again before adding stock.")
                : EventDecision.Change(s with { Stock = (int)(s.Stock + amount) });
        }, ct);

    /// <summary>Renames a sale or moves its window, before it opens.</summary>
    public Task<EventChangeResult> EditAsync(EventCode code, EventEdit edit, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.Edit, actor, s =>
        {
            if (s.StateAt(clock.GetUtcNow(), s.Stock) != EventState.Scheduled)
                return EventDecision.Conflict("Name and window can be edited only before the sale opens.");
            var errors = EventValidation.ValidateEdit(edit);
            return errors.Count > 0 ? EventDecision.Invalid(errors) : EventDecision.Change(s with
            {
                Name = edit.Name?.Trim() ?? s.Name,
                OpensAt = edit.OpensAt?.ToUniversalTime(),
                ClosesAt = edit.ClosesAt?.ToUniversalTime(),
            });
        }, ct);

    private async Task<EventChangeResult> ChangeAsync(EventCode code, string action, AuditActor actor,
        Func<FlashSaleEvent, EventDecision> decide, CancellationToken ct)
    {
        var (decision, changed) = await store.ChangeAsync(code, decide, actor, action, ct);
        _records.TryRemove(code, out _);
        _publicReads.Forget(code);
        if (changed is null) return new EventChangeResult(decision.Status, null, decision.Errors);
        await live.PlaceAsync(changed);
        return new EventChangeResult(EventChangeStatus.Changed, await GetAsync(code, ct), decision.Errors);
    }
}
