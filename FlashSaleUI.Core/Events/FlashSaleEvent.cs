namespace FlashSaleUI.Core.Events;

/// <summary>The record of a flash-sale event, and the rules for changing it: what each state allows (open, close,
/// cancel, top up, edit), each answered as an <see cref="EventDecision"/>: the changed record, or why not. Live numbers
/// (remaining, issued) live in Redis during the sale. <see cref="Version"/> grows with every change, so Redis can
/// refuse an older one.</summary>
public sealed record FlashSaleEvent(
    EventCode Code,
    string Name,
    int Stock,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset CreatedAt,
    long Version = 1)
{
    /// <summary>State at <paramref name="now"/> given the stock still left. Closing wins over everything,
    /// then the window, then the stock.</summary>
    public EventState StateAt(DateTimeOffset now, long remaining)
    {
        if (ClosedAt is not null || (ClosesAt is { } closes && now >= closes)) return EventState.Closed;
        if (OpensAt is { } opens && now < opens) return EventState.Scheduled;
        return remaining <= 0 ? EventState.SoldOut : EventState.Open;
    }

    /// <summary>The same event as submitted (a retried create), whatever its version and creation time.</summary>
    public bool SameDefinitionAs(FlashSaleEvent other) =>
        Code == other.Code && Name == other.Name && Stock == other.Stock && OpensAt == other.OpensAt && ClosesAt == other.ClosesAt;

    /// <summary>Opens now: the opening time moves to now if it was later, and a close is undone.</summary>
    public EventDecision OpenNow(DateTimeOffset now) =>
        EventDecision.Change(this with { OpensAt = OpensAt is { } opens && opens > now ? now : OpensAt, ClosedAt = null });

    /// <summary>Closes now; closing a closed sale keeps its first closing time.</summary>
    public EventDecision CloseNow(DateTimeOffset now) => EventDecision.Change(this with { ClosedAt = ClosedAt ?? now });

    /// <summary>Calls off a sale that has not opened yet (a running sale is closed instead).</summary>
    public EventDecision Cancel(DateTimeOffset now) => StateAt(now, Stock) == EventState.Scheduled
        ? EventDecision.Change(this with { ClosedAt = now })
        : EventDecision.Conflict("Only a sale that has not opened can be cancelled; close it instead.");

    /// <summary>Adds stock to a sale that is not closed, up to <see cref="EventValidation.MaxStock"/>.</summary>
    public EventDecision TopUp(long amount, DateTimeOffset now)
    {
        if (amount < 1 || Stock + amount > EventValidation.MaxStock)
            return EventDecision.Invalid(new() { ["add"] =
                [$"Add a whole number from 1 to {EventValidation.MaxStock - Stock:N0} (stock is at most " +
                    $"{EventValidation.MaxStock:N0})."] });
        return StateAt(now, 1) == EventState.Closed
            ? EventDecision.Conflict("The sale is closed; open it again before adding stock.")
            : EventDecision.Change(this with { Stock = (int)(Stock + amount) });
    }

    /// <summary>A new name (null keeps it) and window, before the sale opens.</summary>
    public EventDecision Edit(EventEdit edit, DateTimeOffset now)
    {
        if (StateAt(now, Stock) != EventState.Scheduled)
            return EventDecision.Conflict("Name and window can be edited only before the sale opens.");
        var errors = EventValidation.ValidateEdit(edit);
        return errors.Count > 0 ? EventDecision.Invalid(errors) : EventDecision.Change(this with
        {
            Name = edit.Name?.Trim() ?? Name,
            OpensAt = edit.OpensAt?.ToUniversalTime(),
            ClosesAt = edit.ClosesAt?.ToUniversalTime(),
        });
    }
}
