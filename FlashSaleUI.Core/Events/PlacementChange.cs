namespace FlashSaleUI.Core.Events;

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
