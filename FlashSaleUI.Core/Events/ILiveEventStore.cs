namespace FlashSaleUI.Core.Events;

/// <summary>The live side of an event (Redis during the sale): where claims run and counters are kept.</summary>
public interface ILiveEventStore
{
    /// <summary>Makes the live state agree with the record: the window and stock (only if this version is not older
    /// than the one held; more stock than held is added to remaining), the <paramref name="grants"/>, and remaining =
    /// stock - grants where it is missing (on the <paramref name="last"/> call) or higher than that. Never gives back
    /// stock that was granted.</summary>
    Task<Placement> PlaceAsync(FlashSaleEvent sale, IReadOnlyCollection<Grant>? grants = null, bool last = true);

    /// <summary>Null when the event is not placed.</summary>
    Task<LiveCounters?> ReadAsync(EventCode code);
}
