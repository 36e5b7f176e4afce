using System.Diagnostics.Metrics;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>Counters of the pipeline, as System.Diagnostics.Metrics instruments (meter "FlashSaleUI") and as plain
/// numbers for the operator console.</summary>
public sealed class PipelineMetrics
{
    private long _relayed, _relayFailures, _consumed, _persisted, _deadLettered, _requeued, _sinkRestarts, _relayRestarts;
    private readonly Counter<long> _relayedCounter, _persistedCounter, _deadLetterCounter, _requeueCounter;
    private readonly Histogram<double> _claimToRow;

    private readonly TimeProvider _clock;

    public PipelineMetrics(IMeterFactory factory, TimeProvider clock)
    {
        _clock = clock;
        var meter = factory.Create(Claims.ClaimMetrics.MeterName);
        _relayedCounter = meter.CreateCounter<long>("flashsale.relay.messages", description: "Outbox entries delivered to Kafka");
        _persistedCounter = meter.CreateCounter<long>("flashsale.sink.rows", description: "coupon_issues rows inserted");
        _deadLetterCounter = meter.CreateCounter<long>("flashsale.sink.dead_letters", description: "Messages sent to the DLQ");
        _requeueCounter = meter.CreateCounter<long>("flashsale.reconcile.requeued",
            description: "Issued coupons re-enqueued by reconciliation");
        _claimToRow = meter.CreateHistogram<double>("flashsale.sink.claim_to_row", unit: "ms",
            description: "Time from claim to PostgreSQL row");
        meter.CreateObservableGauge("flashsale.relay.lag", () => RelayBacklog, description: "Outbox entries not yet in Kafka");
        meter.CreateObservableGauge("flashsale.sink.lag", () => SinkLag.Select(p =>
                new Measurement<long>(p.Value, new KeyValuePair<string, object?>("partition", p.Key))),
            description: "Messages in Kafka not yet stored, per partition this instance's sink owns");
    }

    public long Relayed => Interlocked.Read(ref _relayed);
    public long RelayFailures => Interlocked.Read(ref _relayFailures);
    public long Consumed => Interlocked.Read(ref _consumed);
    public long Persisted => Interlocked.Read(ref _persisted);
    public long DeadLettered => Interlocked.Read(ref _deadLettered);
    public long Requeued => Interlocked.Read(ref _requeued);
    /// <summary>Per partition this instance's sink owns: messages in Kafka not yet stored, as last measured.</summary>
    public IReadOnlyDictionary<int, long> SinkLag { get; private set; } = new Dictionary<int, long>();
    public void RecordSinkLag(IReadOnlyDictionary<int, long> lag) => SinkLag = lag;
    /// <summary>Outbox length summed over events, as last seen by the relay.</summary>
    public long RelayBacklog { get; set; }
    public string? LastRelayError { get; private set; }
    public string? LastSinkError { get; private set; }
    public DateTimeOffset? LastRelayErrorAt { get; private set; }
    public DateTimeOffset? LastSinkErrorAt { get; private set; }

    public void RecordRelayed(int n) { Interlocked.Add(ref _relayed, n); _relayedCounter.Add(n); }
    public void RecordRelayFailure(int n, string error)
    {
        Interlocked.Add(ref _relayFailures, n);
        LastRelayError = error;
        LastRelayErrorAt = _clock.GetUtcNow();
    }
    public void RecordConsumed(int n) => Interlocked.Add(ref _consumed, n);
    public void RecordPersisted(long n) { Interlocked.Add(ref _persisted, n); _persistedCounter.Add(n); }
    public void RecordClaimToRow(TimeSpan latency) => _claimToRow.Record(latency.TotalMilliseconds);
    public void RecordDeadLettered(int n) { Interlocked.Add(ref _deadLettered, n); _deadLetterCounter.Add(n); }
    public void RecordRequeued(int n) { Interlocked.Add(ref _requeued, n); _requeueCounter.Add(n); }
    public void RecordSinkError(string error) { LastSinkError = error; LastSinkErrorAt = _clock.GetUtcNow(); }
    public long SinkRestarts => Interlocked.Read(ref _sinkRestarts);
    public void RecordSinkRestart(string error) { Interlocked.Increment(ref _sinkRestarts); RecordSinkError(error); }
    public long RelayRestarts => Interlocked.Read(ref _relayRestarts);
    public void RecordRelayRestart(string error) { Interlocked.Increment(ref _relayRestarts); RecordRelayFailure(0, error); }
}
