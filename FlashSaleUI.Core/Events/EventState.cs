namespace FlashSaleUI.Core.Events;

public enum EventState
{
    Scheduled,
    Open,
    SoldOut,
    Closed,
}
