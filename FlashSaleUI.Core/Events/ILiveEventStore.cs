namespace FlashSaleUI.Core.Events;

/// <summary>The live side of an event (Redis during the sale): where claims run and counters are kept.</summary>
public interface ILiveEventStore
{
    /// <summary>Places stock (only if absent, never refilling a running sale) and the current window.</summary>
    Task PlaceAsync(FlashSaleEvent sale);

    /// <summary>Null when the event is not placed.</summary>
    Task<LiveCounters?> ReadAsync(EventCode code);
}
