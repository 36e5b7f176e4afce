namespace FlashSaleUI.Hubs;

/// <summary>Sends one event's stats (to its SignalR group), newest first: while a send is still being written (a slow
/// client holds it up), later snapshots replace each other and only the newest goes next. The stats publisher never
/// waits on browsers, so one slow client cannot stall the samples of every event.</summary>
public sealed class GroupSender(Func<StatsMessage, Task> send, ILogger log)
{
    private readonly object _gate = new();
    private StatsMessage? _pending;
    private bool _sending;

    public Task PostAsync(StatsMessage message)
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
            StatsMessage next;
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
            catch (Exception e) { log.LogDebug(e, "Sending stats for {Event} failed", next.Code); }
        }
    }
}
