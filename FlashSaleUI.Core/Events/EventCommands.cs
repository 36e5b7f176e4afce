using FlashSaleUI.Core.Audit;

namespace FlashSaleUI.Core.Events;

/// <summary>What operators do to events: each command writes the record (PostgreSQL, with its audit entry) under the
/// event's own rules (<see cref="FlashSaleEvent"/>), then places it in Redis. The one place pages and endpoints go to
/// change an event.</summary>
public sealed class EventCommands(IEventStore store, ILiveEventStore live, EventReads reads, TimeProvider clock)
{
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

    public Task<EventChangeResult> OpenAsync(EventCode code, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.Open, actor, s => s.OpenNow(clock.GetUtcNow()), ct);

    public Task<EventChangeResult> CloseAsync(EventCode code, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.Close, actor, s => s.CloseNow(clock.GetUtcNow()), ct);

    public Task<EventChangeResult> CancelAsync(EventCode code, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.Cancel, actor, s => s.Cancel(clock.GetUtcNow()), ct);

    /// <summary>Redis adds the same amount to what remains, atomically with claims, so a sold-out sale reopens at once.</summary>
    public Task<EventChangeResult> TopUpAsync(EventCode code, long amount, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.TopUp, actor, s => s.TopUp(amount, clock.GetUtcNow()), ct);

    public Task<EventChangeResult> EditAsync(EventCode code, EventEdit edit, AuditActor actor, CancellationToken ct = default) =>
        ChangeAsync(code, AuditAction.Edit, actor, s => s.Edit(edit, clock.GetUtcNow()), ct);

    private async Task<EventChangeResult> ChangeAsync(EventCode code, string action, AuditActor actor,
        Func<FlashSaleEvent, EventDecision> decide, CancellationToken ct)
    {
        var (decision, changed) = await store.ChangeAsync(code, decide, actor, action, ct);
        reads.Forget(code);
        if (changed is null) return new EventChangeResult(decision.Status, null, decision.Errors);
        await live.PlaceAsync(changed);
        return new EventChangeResult(EventChangeStatus.Changed, await reads.GetAsync(code, ct), decision.Errors);
    }
}
