namespace FlashSaleUI.Core.Events;

/// <summary>One live sample of an event: its view, attempts by outcome, and what waits in its outbox.</summary>
public sealed record EventSample(EventView View, IReadOnlyDictionary<string, long> Outcomes, long OutboxBacklog);
