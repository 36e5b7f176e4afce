namespace FlashSaleUI.Core.Hosting;

/// <summary>A failure that repeats while a server is away (every request, every tick) is logged at most once per
/// <paramref name="every"/>, with how many times it happened since: an outage is one line every few seconds in the
/// log, not thousands.</summary>
public sealed class RepeatedFailure(TimeSpan every, TimeProvider clock)
{
    private readonly object _gate = new();
    private DateTimeOffset _reportedAt = DateTimeOffset.MinValue;
    private long _since;

    /// <summary>Counts one occurrence; true when it is to be logged, with the occurrences since the last report
    /// (this one included).</summary>
    public bool ShouldReport(out long since)
    {
        lock (_gate)
        {
            _since++;
            since = _since;
            var now = clock.GetUtcNow();
            if (now - _reportedAt < every) return false;
            _reportedAt = now;
            _since = 0;
            return true;
        }
    }
}
