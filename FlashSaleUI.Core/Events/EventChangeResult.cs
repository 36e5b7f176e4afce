namespace FlashSaleUI.Core.Events;

public sealed record EventChangeResult(EventChangeStatus Status, EventView? Event, Dictionary<string, string[]> Errors);
