namespace FlashSaleUI.Core.Events;

/// <summary>What a change makes of an event's current record: the new record, or why not (invalid input, or the
/// event is in a state that does not allow it).</summary>
public sealed record EventDecision(EventChangeStatus Status, FlashSaleEvent? Updated, Dictionary<string, string[]> Errors)
{
    public static EventDecision Change(FlashSaleEvent updated) => new(EventChangeStatus.Changed, updated, []);
    public static EventDecision Invalid(Dictionary<string, string[]> errors) => new(EventChangeStatus.Invalid, null, errors);
    public static EventDecision Conflict(string message) => new(EventChangeStatus.Conflict, null, new() { ["state"] = [message] });
    public static readonly EventDecision NotFound = new(EventChangeStatus.NotFound, null, []);
}
