using System.Diagnostics.Metrics;

namespace FlashSaleUI.Core.Claims;

/// <summary>System.Diagnostics.Metrics instruments for claims (dotnet-counters: FlashSaleUI).</summary>
public sealed class ClaimMetrics : IDisposable
{
    public const string MeterName = "FlashSaleUI";
    private readonly Meter _meter;
    private readonly Counter<long> _claims;
    private readonly Histogram<double> _latency;

    /// <summary>This instance's claim latencies, for the dashboard's per-second p50/p99.</summary>
    public LatencyHistogram Latency { get; } = new();

    public ClaimMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _claims = _meter.CreateCounter<long>("flashsale.claims", description: "Claims by outcome");
        _latency = _meter.CreateHistogram<double>("flashsale.claim.duration", unit: "s",
            description: "Time of one claim from the service's call to Redis's answer");
    }

    // one tag per outcome, made once: Enum.ToString and boxing on every claim showed up in allocations
    private static readonly KeyValuePair<string, object?>[] OutcomeTags =
        Enum.GetValues<ClaimStatus>().Select(s => new KeyValuePair<string, object?>("outcome", s.ToString())).ToArray();

    public void Record(ClaimStatus status, TimeSpan elapsed)
    {
        var outcome = OutcomeTags[(int)status];
        _claims.Add(1, outcome);
        _latency.Record(elapsed.TotalSeconds, outcome);
        Latency.Record(elapsed);
    }

    public void Dispose() => _meter.Dispose();
}
