using System.Diagnostics;
using FlashSaleUI.Core.Stats;

namespace FlashSaleUI.Tests.Integration.Stats;

/// <summary>The dashboard's claims-per-second chart, fed by the real live feed over real Redis, tells the truth.</summary>
[Collection(TimingSensitive.Name)]
public sealed class PerSecondRatesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Under_a_steady_load_each_seconds_issued_rate_is_within_20_percent_of_the_measured_rate()
    {
        var code = TestCodes.New("RATE");
        await app.OperatorClient().CreateEventAsync(code, stock: 100_000);
        var eventCode = EventCode.Parse(code);
        var series = new PerSecondSeries();
        var metrics = app.Services.GetRequiredService<ClaimMetrics>();
        var gate = new object();
        using var subscription = app.Services.GetRequiredService<IStatsFeed>().Subscribe(eventCode, s =>
        {
            lock (gate) series.Add(s, metrics.Latency.Read());
            return Task.CompletedTask;
        });

        // 600 claims a second, paced by the clock in batches of 15 every 25 ms, for 8 seconds
        var claims = app.Services.GetRequiredService<IClaimService>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var started = DateTimeOffset.UtcNow;
        while (clock.Elapsed < TimeSpan.FromSeconds(8))
        {
            var due = (int)(clock.Elapsed.TotalSeconds * 600);
            var batch = Enumerable.Range(sent, due - sent).Select(i => claims.ClaimAsync(eventCode,
                MemberId.Parse($"steady-{i}"))).ToArray();
            sent = due;
            await Task.WhenAll(batch);
            await Task.Delay(25);
        }
        var ended = DateTimeOffset.UtcNow;
        var measured = sent / (ended - started).TotalSeconds;
        await Task.Delay(1_500); // the last whole second arrives

        List<SaleSecond> inside;
        lock (gate) inside = series.Seconds.Where(s => s.End > started.AddSeconds(2) && s.End <= ended).ToList();
        Assert.True(inside.Count >= 4, $"only {inside.Count} whole seconds inside the load");
        Assert.All(inside, s => Assert.InRange(s.Issued, measured * 0.8, measured * 1.2));
        Assert.All(inside, s => Assert.True(s.P50Ms > 0 && s.P99Ms >= s.P50Ms, $"latency p50 {s.P50Ms} p99 {s.P99Ms}"));
    }
}
