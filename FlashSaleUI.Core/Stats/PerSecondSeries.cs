using FlashSaleUI.Core.Claims;

namespace FlashSaleUI.Core.Stats;

/// <summary>Turns the live feed's samples (cumulative counters sampled every ~100 ms at arbitrary moments) into
/// rates per wall-clock second: each counter is interpolated at the second boundaries and differenced. Rates from
/// consecutive samples saw-tooth when a sample interval holds one or two claim batches; whole seconds do not.</summary>
public sealed class PerSecondSeries(int capacity = PerSecondSeries.DefaultCapacity)
{
    public const int DefaultCapacity = 3600;
    private static readonly string[] Tracked = [ClaimStatusNames.Issued, ClaimStatusNames.SoldOut,
        ClaimStatusNames.Duplicate, ClaimStatusNames.NotOpen];

    private readonly List<SaleSecond> _seconds = [];
    private EventStats? _previous;
    private double[]? _atBoundary;
    private long[]? _latencyAtBoundary;

    public IReadOnlyList<SaleSecond> Seconds => _seconds;

    /// <summary>Adds a sample; returns how many seconds it completed. <paramref name="latency"/> is the
    /// histogram's cumulative counts read now (null: no latency column).</summary>
    public int Add(EventStats stats, long[]? latency = null)
    {
        var previous = _previous;
        _previous = stats;
        if (previous is null || stats.SampledAt <= previous.SampledAt) return 0;
        // The feed sends only changes, so a long gap means the counters stood still until just before this sample:
        // hold them there rather than spread the change over the whole gap.
        var completed = 0;
        var quietUntil = stats.SampledAt - StatsPublisher.MinInterval;
        if (quietUntil - previous.SampledAt > StatsPublisher.MinInterval)
        {
            var held = previous with { SampledAt = quietUntil };
            completed += Interpolate(previous, held, _latencyAtBoundary);
            previous = held;
        }
        return completed + Interpolate(previous, stats, latency);
    }

    private int Interpolate(EventStats from, EventStats to, long[]? latency)
    {
        var completed = 0;
        for (var boundary = NextBoundary(from.SampledAt); boundary <= to.SampledAt; boundary = boundary.AddSeconds(1))
        {
            var f = (boundary - from.SampledAt) / (to.SampledAt - from.SampledAt);
            var values = Tracked.Select(o => Lerp(from.Outcomes.GetValueOrDefault(o), to.Outcomes.GetValueOrDefault(o), f)).ToArray();
            if (_atBoundary is { } before)
            {
                double Rate(int i) => Math.Max(0, Math.Round(values[i] - before[i]));
                var withLatency = latency is not null && _latencyAtBoundary is not null;
                _seconds.Add(new SaleSecond(boundary, Rate(0), Rate(1), Rate(2), Rate(3), to.Event.Remaining, to.OutboxBacklog,
                    withLatency ? LatencyHistogram.Quantile(_latencyAtBoundary!, latency!, 0.5) : null,
                    withLatency ? LatencyHistogram.Quantile(_latencyAtBoundary!, latency!, 0.99) : null));
                completed++;
                if (_seconds.Count > capacity) _seconds.RemoveRange(0, _seconds.Count - capacity);
            }
            _atBoundary = values;
            _latencyAtBoundary = latency;
        }
        return completed;
    }

    private static DateTimeOffset NextBoundary(DateTimeOffset t)
    {
        var floor = new DateTimeOffset(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return floor.AddSeconds(1);
    }

    private static double Lerp(long a, long b, double f) => a + (b - a) * f;
}
