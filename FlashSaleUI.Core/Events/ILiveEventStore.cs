namespace FlashSaleUI.Core.Events;

/// <summary>The live side of an event (Redis during the sale): where claims run and counters are kept.</summary>
public interface ILiveEventStore
{
    /// <summary>Makes the live state agree with the record: the window (only if this version is not older than
    /// the one held), grants for <paramref name="grantedMembers"/>, and remaining = stock - issued where it is
    /// missing (on the <paramref name="last"/> call) or higher than that. Never refills a running sale.</summary>
    Task<Placement> PlaceAsync(FlashSaleEvent sale, IReadOnlyCollection<string>? grantedMembers = null, bool last = true);

    /// <summary>Null when the event is not placed.</summary>
    Task<LiveCounters?> ReadAsync(EventCode code);
}

public enum PlacementChange
{
    /// <summary>Stock and grants were already right (the window may have changed).</summary>
    None,
    /// <summary>The event was missing and was placed.</summary>
    Placed,
    /// <summary>Redis held more stock than the record allows (it had lost grants): lowered.</summary>
    Lowered,
}

public sealed record Placement(PlacementChange Change, long Issued, long Remaining);
