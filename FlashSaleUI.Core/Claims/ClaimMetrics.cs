using System.Diagnostics.Metrics;

namespace FlashSaleUI.Core.Claims;

/// <summary>System.Diagnostics.Metrics instruments for claims (dotnet-counters: FlashSaleUI).</summary>
public sealed class ClaimMetrics : IDisposable
{
    public const string MeterName = "FlashSaleUI";
    private readonly Meter _meter;
    private readonly Counter<long> _claims;

    public ClaimMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _claims = _meter.CreateCounter<long>("flashsale.claims", description: "Claims by outcome");
    }

    public void Record(ClaimStatus status) =>
        _claims.Add(1, new KeyValuePair<string, object?>("outcome", status.ToString()));

    public void Dispose() => _meter.Dispose();
}
