using FlashSaleUI.Core.Stats;

namespace FlashSaleUI.Tests.Unit;

public class PerSecondSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static EventStats At(double seconds, long issued, long soldOut = 0) => new(
        new EventView("S", "S", 1000, 1000 - issued, issued, 0, null, null, EventState.Open),
        new LiveCounters(1000 - issued, issued, 0, new Dictionary<string, long> { ["issued"] = issued, ["soldOut"] = soldOut }),
        ClaimRates.Zero, T0.AddSeconds(seconds));

    [Fact]
    public void Samples_at_odd_moments_give_whole_second_rates_without_a_saw_tooth()
    {
        // 100 claims a second arriving in bursts of 20 every 200 ms, sampled every 150 ms: consecutive-sample rates
        // alternate between 0 and 133/s; whole seconds are all 100
        var series = new PerSecondSeries();
        for (var t = 0.05; t < 6; t += 0.15)
            series.Add(At(t, (long)(Math.Floor(t / 0.2) * 20)));
        Assert.True(series.Seconds.Count >= 4);
        Assert.All(series.Seconds.Skip(1), s => Assert.InRange(s.Issued, 80, 120));
        Assert.All(series.Seconds, s => Assert.Equal(T0.AddSeconds(Math.Round((s.End - T0).TotalSeconds)), s.End)); // on the second
    }

    [Fact]
    public void A_quiet_gap_counts_as_no_claims_and_the_change_lands_in_the_last_second()
    {
        var series = new PerSecondSeries();
        series.Add(At(0.5, 0));
        series.Add(At(5.5, 50)); // the feed was silent: nothing changed until just before 5.5 s
        series.Add(At(6.5, 50));
        // seconds ending at 2..6 s (the first boundary only sets the base): all 50 landed in the one ending at 6 s
        Assert.Equal([0, 0, 0, 0, 50], series.Seconds.Select(s => s.Issued));
    }

    [Fact]
    public void Latency_quantiles_come_from_the_claims_between_two_reads()
    {
        var histogram = new LatencyHistogram();
        var before = histogram.Read();
        for (var i = 0; i < 98; i++) histogram.Record(TimeSpan.FromMilliseconds(1));
        histogram.Record(TimeSpan.FromMilliseconds(50));
        histogram.Record(TimeSpan.FromMilliseconds(50));
        var after = histogram.Read();
        Assert.InRange(LatencyHistogram.Quantile(before, after, 0.5)!.Value, 1, 1.1);   // buckets are 9% wide
        Assert.InRange(LatencyHistogram.Quantile(before, after, 0.99)!.Value, 50, 55);
        Assert.Null(LatencyHistogram.Quantile(after, after, 0.5));
    }
}
