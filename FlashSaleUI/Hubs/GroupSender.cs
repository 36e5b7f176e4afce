using FlashSaleUI.Core.Stats;

namespace FlashSaleUI.Hubs;

/// <summary>Sends one event's stats (to its SignalR group), newest first: while a send is still being written (a slow
/// client holds it up), later stats replace each other and only the newest goes next. The stats publisher never
/// waits on browsers, so one slow client cannot stall the samples of every event. A group send waits for its slowest
/// connection, so each send is cancelled after <see cref="SendTimeout"/>: SignalR then drops the connection whose
/// buffers stayed full (a client that stopped reading), and everyone else's updates go on.</summary>
public sealed class GroupSender(Func<EventStats, CancellationToken, Task> send, ILogger log, TimeProvider clock)
{
    /// <summary>Only a connection already ~64 KB (about a hundred messages) behind can hold a send this long.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(2);

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
            using var timeout = new CancellationTokenSource(SendTimeout, clock);
            try { await send(next, timeout.Token); }
            catch (Exception e) { log.LogDebug(e, "Sending stats for {Event} failed", next.Event.Code); }
        }
    }
}
