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

public enum PlacementChange
{
    /// <summary>Stock and grants were already right (the window may have changed).</summary>
    None,
    /// <summary>The event was missing and was placed.</summary>
    Placed,
    /// <summary>Redis held more stock than the record allows (it had lost grants): lowered.</summary>
    Lowered,
    /// <summary>A newer record has more stock (a top-up): the difference was added to remaining.</summary>
    Raised,
}

/// <summary>A member's coupon and the claim id it was granted with (its coupon code is read from the claim id).</summary>
public readonly record struct Grant(string MemberId, string ClaimId);

public sealed record Placement(PlacementChange Change, long Issued, long Remaining);
