namespace FlashSaleUI.Bench;

/// <summary>Per-call latencies of one run, for percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = [];

    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await call();
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        lock (_ms) _ms.Add(ms);
        return result;
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_ms) _ms.Add(elapsed.TotalMilliseconds);
    }

    public double Percentile(double p)
    {
        lock (_ms)
        {
            if (_ms.Count == 0) return 0;
            var sorted = _ms.Order().ToArray();
            return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
        }
    }
}
