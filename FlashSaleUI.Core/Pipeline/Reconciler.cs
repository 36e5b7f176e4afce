using FlashSaleUI.Core.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>Proves the pipeline: when an event's outbox is empty and PostgreSQL still has fewer rows than Redis issued
/// coupons in two checks running, the members without a row are found and re-enqueued (never removed from Redis: a
/// member told "issued" keeps the coupon). A requeued coupon that was only slow arrives twice and inserts once.</summary>
public sealed class Reconciler(IOutbox outbox, IEventStore events, ILiveEventStore live, NpgsqlDataSource db, PipelineMetrics metrics,
    IOptions<PipelineOptions> options, TimeProvider clock, ILogger<Reconciler> log) : BackgroundService
{
    private readonly Dictionary<string, long> _suspect = new(); // event -> persisted count at the last mismatch

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        if (!options.Value.ReconcilerEnabled) return;
        var period = TimeSpan.FromSeconds(Math.Max(1, options.Value.ReconcileIntervalSeconds));
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
        await foreach (var page in outbox.IssuedMembersAsync(code, 1_000, ct))
        {
            await using var cmd = db.CreateCommand("""
                SELECT m FROM unnest(@members) AS m
                WHERE NOT EXISTS (SELECT 1 FROM coupon_issues c WHERE c.event_code = @code AND c.member_id = m)
                """);
            cmd.Parameters.AddWithValue("code", code.Value);
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("members", page.ToArray()));
            var missing = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) missing.Add(reader.GetString(0));
            requeued += await outbox.RequeueAsync(code, missing);
        }
        return requeued;
    }

    private async Task<(long Persisted, long DeadLettered)> PersistedAsync(EventCode code, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT (SELECT persisted FROM flash_sale_events WHERE code = @code),
                   (SELECT count(*) FROM dead_letters WHERE event_code = @code AND replayed_at IS NULL)
            """);
        cmd.Parameters.AddWithValue("code", code.Value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.IsDBNull(0) ? 0 : reader.GetInt64(0), reader.GetInt64(1));
    }
}
