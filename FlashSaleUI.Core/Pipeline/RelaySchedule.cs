namespace FlashSaleUI.Core.Pipeline;

/// <summary>When the relay next works on one event's outbox. After a round with undelivered messages it waits 200 ms,
/// 400 ms, … up to 5 s before sending them again (the broker is down or slow: resending at once helps nobody), and
/// it looks for entries a dead relay left pending once per half <c>ReclaimIdleMs</c>.</summary>
public sealed class RelaySchedule(TimeProvider clock, TimeSpan reclaimIdle)
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private int _failures;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastReclaim = DateTimeOffset.MinValue;

    /// <summary>This relay read entries it has not acknowledged: read those again ('0') before new ones.</summary>
    public bool HasOwnPending { get; set; }

    /// <summary>In a backoff after failed deliveries: skip this event this round.</summary>
    public bool Waiting => clock.GetUtcNow() < _retryAt;

    /// <summary>True (once per half reclaim interval) when it is time to take over entries another relay left.</summary>
    public bool TakeReclaimTurn()
    {
        var now = clock.GetUtcNow();
        if (now - _lastReclaim <= reclaimIdle / 2) return false;
        _lastReclaim = now;
        return true;
    }

    /// <summary>Some messages of the round were not delivered: they stay pending; back off before resending.</summary>
    public void DeliveryFailed()
    {
        HasOwnPending = true;
        _failures++;
        _retryAt = clock.GetUtcNow() + Backoff(_failures);
    }

    public void Delivered() => _failures = 0;

    public static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 16))));
}
