using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Stats;

/// <summary>Live stats for the events someone is watching. Subscribing starts sampling that event; disposing the
/// last subscription stops it, so the cost follows the watched events, not the claim rate.</summary>
public interface IStatsFeed
{
    IDisposable Subscribe(EventCode code, Func<EventStats, Task> onUpdate);
    EventStats? Latest(EventCode code);
}
