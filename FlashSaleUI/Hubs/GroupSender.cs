using FlashSaleUI.Core.Stats;

namespace FlashSaleUI.Hubs;

/// <summary>Sends one event's stats (to its SignalR group), newest first: while a send is still being written (a slow
/// client holds it up), later stats replace each other and only the newest goes next. The stats publisher never
/// waits on browsers, so one slow client cannot stall the samples of every event.</summary>
public sealed class GroupSender(Func<EventStats, Task> send, ILogger log)
{
    private readonly object _gate = new();
    private EventStats? _pending;
    private bool _sending;

    public Task PostAsync(EventStats message)
    {
        lock (_gate)
        {
            _pending = message;
            if (_sending) return Task.CompletedTask;
            _sending = true;
        }
        _ = PumpAsync();
        return Task.CompletedTask;
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            EventStats next;
            lock (_gate)
            {
                if (_pending is null)
                {
                    _sending = false;
                    return;
                }
                next = _pending;
                _pending = null;
            }
            try { await send(next); }
            catch (Exception e) { log.LogDebug(e, "Sending stats for {Event} failed", next.Event.Code); }
        }
    }
}
