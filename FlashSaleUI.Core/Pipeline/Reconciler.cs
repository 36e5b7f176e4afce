using FlashSaleUI.Core.Coupons;
using FlashSaleUI.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>Proves the pipeline: when an event's outbox is empty and PostgreSQL still has fewer rows than Redis issued
/// coupons in two checks running, the members without a row are found and re-enqueued (never removed from Redis: a
/// member told "issued" keeps the coupon). A requeued coupon that was only slow arrives twice and inserts once.</summary>
public sealed class Reconciler(IOutbox outbox, IEventStore events, ILiveEventStore live, IStoredCoupons coupons,
    DeadLetterService deadLetters, PipelineMetrics metrics,
    IOptions<PipelineOptions> options, TimeProvider clock, ILogger<Reconciler> log) : BackgroundService
{
    private readonly Dictionary<string, long> _suspect = new(); // event -> persisted count at the last mismatch

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!options.Value.ReconcilerEnabled) return;
        var period = TimeSpan.FromSeconds(options.Value.ReconcileIntervalSeconds);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, clock, stop);
                foreach (var (sale, _) in await events.ListActiveAsync(clock.GetUtcNow(), stop))
                    await CheckAsync(sale.Code, repair: false, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { log.LogWarning(e, "Reconciliation round failed"); }
        }
    }

    /// <summary>One check of one event. With <paramref name="repair"/> (operators, tests) a mismatch on an empty
    /// outbox is repaired at once; otherwise only when it was seen, unchanged, on the previous check as well.</summary>
    public async Task<ReconcileReport?> CheckAsync(EventCode code, bool repair, CancellationToken ct = default)
    {
        var counters = await live.ReadAsync(code);
        if (counters is null) return null;
        var (persisted, deadLettered) = await PersistedAsync(code, ct);
        var requeued = 0;
        var mismatch = counters.OutboxBacklog == 0 && persisted < counters.Issued;
        lock (_suspect)
        {
            if (!mismatch) _suspect.Remove(code.Value);
            else if (!repair && !(_suspect.TryGetValue(code.Value, out var before) && before == persisted))
            {
                _suspect[code.Value] = persisted;
                mismatch = false; // first sighting: messages may still be in Kafka; look again next round
            }
        }
        if (mismatch)
        {
            requeued = await RequeueMissingAsync(code, ct);
            lock (_suspect) _suspect.Remove(code.Value);
            if (requeued > 0)
            {
                metrics.RecordRequeued(requeued);
                log.LogWarning("Reconciliation: {Event} had {Issued} issued but {Persisted} rows; re-enqueued {Requeued}",
                    code, counters.Issued, persisted, requeued);
            }
        }
        return new ReconcileReport(code.Value, counters.Issued, counters.OutboxBacklog, persisted, deadLettered, requeued);
    }

    private async Task<int> RequeueMissingAsync(EventCode code, CancellationToken ct)
    {
        var requeued = 0;
        await foreach (var page in outbox.GrantedMembersAsync(code, 1_000, ct))
            requeued += await outbox.RequeueAsync(code, await coupons.WithoutStoredCouponAsync(code, page, ct));
        return requeued;
    }

    private async Task<(long Persisted, long DeadLettered)> PersistedAsync(EventCode code, CancellationToken ct)
    {
        var record = await events.GetWithPersistedAsync([code], ct);
        return (record.Count == 0 ? 0 : record[0].Persisted, await deadLetters.CountOpenAsync(code, ct));
    }
}
