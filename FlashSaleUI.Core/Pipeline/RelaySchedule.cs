namespace FlashSaleUI.Core.Pipeline;

/// <summary>What the relay does next with one event's outbox: read this relay's own unacknowledged entries first,
/// leave the event alone while its redelivery (messages Kafka did not take, sent again with
/// <see cref="PipelineRetries.Redelivery"/>'s backoff) runs, and look for entries a dead relay left pending once per
/// half <c>ReclaimIdleMs</c>.</summary>
public sealed class RelaySchedule(TimeProvider clock, TimeSpan reclaimIdle)
{
    private DateTimeOffset _lastReclaim = DateTimeOffset.MinValue;
    private Task? _redelivery;

    /// <summary>This relay read entries it has not acknowledged: read those again ('0') before new ones.</summary>
    public bool HasOwnPending { get; set; }

    /// <summary>A redelivery is running: rounds skip this event.</summary>
    public bool Redelivering => _redelivery is { IsCompleted: false };

    /// <summary>True (once per half reclaim interval) when it is time to take over entries another relay left.</summary>
    public bool TakeReclaimTurn()
    {
        var now = clock.GetUtcNow();
        if (now - _lastReclaim <= reclaimIdle / 2) return false;
        _lastReclaim = now;
        return true;
    }

    /// <summary>Some messages of the round were not delivered: they stay pending, and <paramref name="redelivery"/>
    /// sends them until Kafka has them.</summary>
    public void Redeliver(Task redelivery) => _redelivery = redelivery;

    /// <summary>A redelivery that ended without sending everything (a fatal producer error, or the stop): its entries
    /// are this relay's own pending ones again, and the failure is the round's.</summary>
    public void ThrowIfRedeliveryFailed()
    {
        if (_redelivery is not { IsCompleted: true } ended) return;
        _redelivery = null;
        if (ended.IsCompletedSuccessfully) return;
        HasOwnPending = true;
        ended.GetAwaiter().GetResult();
    }

    /// <summary>Waits for a redelivery to end (it ends with its producer), whatever its outcome; what it had not
    /// sent is this relay's own pending entries, read first by the next round or the drain.</summary>
    public async Task RedeliveryEndedAsync()
    {
        if (_redelivery is not { } running) return;
        try { await running; }
        catch (Exception) { HasOwnPending = true; }
        _redelivery = null;
    }
}
