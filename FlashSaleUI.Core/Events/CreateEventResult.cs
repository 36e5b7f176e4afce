namespace FlashSaleUI.Core.Events;

public sealed record CreateEventResult(CreateEventStatus Status, EventView? Event, Dictionary<string, string[]> Errors);
