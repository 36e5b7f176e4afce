namespace FlashSaleUI.Core.Claims;

/// <summary>Claim latencies in fixed log-spaced buckets (25 µs to ~3 s, 8 per doubling), counted with one Interlocked
/// increment each: cheap enough for the claim path. Readers take cumulative counts and diff two reads to get the
/// quantiles of the claims in between (e.g. one wall-clock second).</summary>
public sealed class LatencyHistogram
{
    private const double FirstMicros = 25;
    private const int PerDoubling = 8;
    public const int Buckets = 17 * PerDoubling; // 25 µs * 2^17 = 3.3 s
    private readonly long[] _counts = new long[Buckets + 1];

    public void Record(TimeSpan elapsed) => Interlocked.Increment(ref _counts[BucketOf(elapsed.TotalMicroseconds)]);

    public long[] Read()
    {
        var copy = new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++) copy[i] = Interlocked.Read(ref _counts[i]);
        return copy;
    }

    /// <summary>The q-quantile (0..1) in milliseconds of the claims counted between two reads; null when none.</summary>
    public static double? Quantile(long[] before, long[] after, double q)
    {
        long total = 0;
        for (var i = 0; i < after.Length; i++) total += after[i] - before[i];
        if (total == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < after.Length; i++)
        {
            seen += after[i] - before[i];
            if (seen >= rank) return UpperMicros(i) / 1000.0;
        }
        return UpperMicros(after.Length - 1) / 1000.0;
    }

    private static int BucketOf(double micros) =>
        micros <= FirstMicros ? 0 : Math.Min(Buckets, (int)Math.Ceiling(Math.Log2(micros / FirstMicros) * PerDoubling));

    private static double UpperMicros(int bucket) => FirstMicros * Math.Pow(2, (double)bucket / PerDoubling);
}
