using Confluent.Kafka;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>Carries issued coupons from the Redis outboxes to Kafka. An entry is acknowledged (and deleted) only
/// after Kafka's delivery report says it is stored; a failed send stays pending and is sent again with backoff, so
/// nothing is dropped. Every instance joins the same Redis consumer group under its own name, and entries a dead
/// instance left pending are reclaimed after <see cref="PipelineOptions.ReclaimIdleMs"/>. A resend can duplicate a
/// message in Kafka; the sink's insert is idempotent, so it never duplicates a row.
/// Longer than 150 lines on purpose: the loop, its redelivery and its drain share one order of reads and
/// acknowledgements (own pending, reclaimed, new), which is the "nothing lost" argument and reads best in one place.</summary>
public sealed class OutboxRelay(IOutbox outbox, IEventStore events, ILiveEventStore live, KafkaClients kafka, PipelineMetrics metrics,
    PipelineDrain drain, IOptions<PipelineOptions> options, TimeProvider clock, ILogger<OutboxRelay> log) : BackgroundService
{
    private readonly string _consumer = InstanceName.Create("relay");
    private readonly Dictionary<EventCode, RelaySchedule> _events = new();
    private PipelineOptions Options => options.Value;

    /// <summary>Runs the relay; a producer that fails for good (a fatal idempotent-producer error) or anything
    /// unexpected is replaced by a new one after a backoff. Entries stay in the outbox meanwhile.</summary>
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        try { await SuperviseAsync(stop); }
        finally { drain.MarkRelayDone(); }
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        if (!Options.RelayEnabled) return;
        await Task.Yield();
        await Restarting.RunAsync(RunAsync, (e, delay) =>
        {
            metrics.RecordRelayRestart($"producer failed ({e.GetBaseException().Message}); restarted");
            log.LogError(e, "Relay failed; a new producer starts in {Delay} s", delay.TotalSeconds);
        }, clock, stop);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        using var producer = kafka.CreateProducer(_consumer);
        log.LogInformation("Relay {Consumer} started: outboxes -> Kafka topic {Topic}", _consumer, kafka.Options.Topic);
        // a fatal producer error is not retried here: this producer can never send again, and Restarting builds a new one
        var rounds = PipelineRetries.RelayRound.Pipeline(clock, e => e is not KafkaException { Error.IsFatal: true }, (e, delay) =>
        {
            // Redis unreachable, say: nothing is lost (entries stay in the outbox)
            log.LogWarning(e, "Relay round failed; retrying in {Delay:F0} ms", delay.TotalMilliseconds);
            metrics.RecordRelayFailure(0, e.Message);
        });
        // redeliveries use this producer: they end with it (a fatal error, or the stop)
        using var producerLife = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _redeliveryStop = producerLife.Token;
        try { await RelayUntilStoppedAsync(producer, rounds, stop); }
        finally
        {
            await producerLife.CancelAsync();
            await Task.WhenAll(_events.Values.Select(s => s.RedeliveryEndedAsync()));
        }
        await DrainAsync(producer);
    }

    private CancellationToken _redeliveryStop;

    private async Task RelayUntilStoppedAsync(IProducer<string, string> producer, Polly.ResiliencePipeline rounds, CancellationToken stop)
    {
        var idle = TimeSpan.FromMilliseconds(5);
        var lastCodesRefresh = DateTimeOffset.MinValue;
        IReadOnlyList<EventCode> codes = [];
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await rounds.ExecuteAsync(async ct =>
                {
                    if (clock.GetUtcNow() - lastCodesRefresh > TimeSpan.FromSeconds(1))
                    {
                        lastCodesRefresh = clock.GetUtcNow();
                        codes = await RefreshCodesAsync(ct);
                    }
                    foreach (var code in codes) _events.TryAdd(code, NewSchedule()); // before the parallel rounds
                    var moved = await Task.WhenAll(codes.Select(code => RelayEventAsync(producer, code, _events[code], ct)));
                    // poll quickly while there is work, back off to 100 ms when every outbox is empty
                    idle = moved.Any(n => n > 0)
                        ? TimeSpan.Zero
                        : TimeSpan.FromMilliseconds(Math.Min(100, Math.Max(5, idle.TotalMilliseconds * 2)));
                    if (idle > TimeSpan.Zero) await Task.Delay(idle, clock, ct);
                }, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        }
    }

    /// <summary>The events whose outboxes are walked: those registered in Redis (placed ones) and the active ones in
    /// the record (PostgreSQL). A registered event that is no longer active and whose outbox is empty leaves the
    /// register, so the cost follows the live sales, not the history. PostgreSQL down: the register alone, so
    /// coupons still flow into Kafka.</summary>
    private async Task<IReadOnlyList<EventCode>> RefreshCodesAsync(CancellationToken ct)
    {
        var registered = await outbox.EventCodesAsync();
        HashSet<EventCode>? active = null;
        try { active = (await events.ListActiveAsync(clock.GetUtcNow(), ct)).Select(e => e.Sale.Code).ToHashSet(); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Relay: listing active events failed ({Error}); relaying the {Count} registered ones",
                e.GetBaseException().Message, registered.Count);
        }
        var codes = active is null ? registered : active.Union(registered).ToList();
        var counters = await Task.WhenAll(codes.Select(live.ReadAsync));
        metrics.RelayBacklog = counters.Sum(c => c?.OutboxBacklog ?? 0);
        if (active is not null)
            foreach (var (code, counter) in codes.Zip(counters))
                if (!active.Contains(code) && (counter?.OutboxBacklog ?? 0) == 0) await outbox.ForgetAsync(code);
        return codes;
    }

    /// <summary>Stopping: send what the outboxes still hold (this relay's unacknowledged entries first), until they
    /// are empty or the drain deadline passes; entries left are sent by another instance or after the restart.</summary>
    private async Task DrainAsync(IProducer<string, string> producer)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(Options.DrainSeconds));
        var sent = 0;
        try
        {
            var codes = await RefreshCodesAsync(deadline.Token);
            foreach (var code in codes) _events[code] = NewSchedule(ownPending: true);
            for (var round = 0; !deadline.IsCancellationRequested; round++)
            {
                var moved = await Task.WhenAll(codes.Select(code => RelayEventAsync(producer, code, _events[code], deadline.Token)));
                if (moved.Sum() == 0 && round > 0) break; // round 0 re-reads own pending entries only; then new ones
                sent += moved.Sum();
            }
            producer.Flush(deadline.Token);
            log.LogInformation("Relay drained on stop: {Count} more entries sent", sent);
        }
        catch (Exception e) when (e is OperationCanceledException or KafkaException or RedisException)
        {
            log.LogWarning("Relay drain stopped after {Count} entries ({Error}); the rest stay in the outbox", sent, e.Message);
        }
    }

    /// <summary>One round for one event: send what is pending (own failures first, then reclaimed, then new). What
    /// Kafka did not take is handed to the event's redelivery (<see cref="PipelineRetries.Redelivery"/>), and rounds
    /// skip the event until it has gone through.</summary>
    private async Task<int> RelayEventAsync(IProducer<string, string> producer, EventCode code,
        RelaySchedule schedule, CancellationToken stop)
    {
        if (schedule.Redelivering) return 0;
        schedule.ThrowIfRedeliveryFailed(); // fatal: the next producer sends what is left

        IReadOnlyList<OutboxEntry> entries;
        if (schedule.HasOwnPending)
            entries = await outbox.ReadAsync(code, _consumer, Options.RelayBatch, ownPending: true);
        else if (schedule.TakeReclaimTurn())
        {
            entries = await outbox.ReclaimAsync(code, _consumer, TimeSpan.FromMilliseconds(Options.ReclaimIdleMs), Options.RelayBatch);
            if (entries.Count > 0) log.LogWarning("Relay reclaimed {Count} entries of {Event} left pending by another relay",
                entries.Count, code);
            else entries = await outbox.ReadAsync(code, _consumer, Options.RelayBatch, ownPending: false);
        }
        else
            entries = await outbox.ReadAsync(code, _consumer, Options.RelayBatch, ownPending: false);
        schedule.HasOwnPending = false;
        if (entries.Count == 0) return 0;

        var undelivered = await SendPendingAsync(producer, code, entries, stop);
        if (undelivered > 0) schedule.Redeliver(RedeliverAsync(producer, code, _redeliveryStop));
        return entries.Count;
    }

    /// <summary>Sends entries and acknowledges what Kafka stored; returns how many it did not take. A fatal producer
    /// error is thrown (the rest stay pending; the next producer sends them).</summary>
    private async Task<int> SendPendingAsync(IProducer<string, string> producer, EventCode code, IReadOnlyList<OutboxEntry> entries,
        CancellationToken stop)
    {
        var (delivered, fatal) = await SendAsync(producer, entries, stop);
        await outbox.AcknowledgeAsync(code, delivered);
        metrics.RecordRelayed(delivered.Count);
        if (fatal is not null) throw fatal;
        return entries.Count - delivered.Count;
    }

    /// <summary>Sends this relay's pending entries of the event again until Kafka has taken them all.</summary>
    private Task RedeliverAsync(IProducer<string, string> producer, EventCode code, CancellationToken stop)
    {
        var redelivery = PipelineRetries.Redelivery.Pipeline(clock, e => e is not KafkaException { Error.IsFatal: true },
            (e, delay) => log.LogDebug("Relay: {Event} redelivery in {Delay:F0} ms ({Error})", code, delay.TotalMilliseconds, e.Message));
        return redelivery.ExecuteAsync(async ct =>
        {
            var pending = await outbox.ReadAsync(code, _consumer, Options.RelayBatch, ownPending: true);
            if (pending.Count > 0 && await SendPendingAsync(producer, code, pending, ct) > 0)
                throw new UndeliveredException(code);
        }, stop).AsTask();
    }

    private sealed class UndeliveredException(EventCode code) : Exception($"Kafka did not take every message of {code}");

    private RelaySchedule NewSchedule(bool ownPending = false) =>
        new(clock, TimeSpan.FromMilliseconds(Options.ReclaimIdleMs)) { HasOwnPending = ownPending };

    /// <summary>Sends the entries; returns the ids whose delivery report succeeded, and a fatal producer error if
    /// one happened (the producer must then be replaced).</summary>
    private async Task<(List<string> Delivered, KafkaException? Fatal)> SendAsync(IProducer<string, string> producer,
        IReadOnlyList<OutboxEntry> entries, CancellationToken stop)
    {
        var topic = kafka.Options.Topic;
        var sends = entries.Select(e => producer.ProduceAsync(topic,
            new Message<string, string> { Key = e.Coupon.EventCode, Value = e.Coupon.ToJson() }, stop)).ToArray();
        try { await Task.WhenAll(sends); }
        catch (Exception) { /* inspected per message below */ }

        var delivered = new List<string>(entries.Count);
        string? firstError = null;
        for (var i = 0; i < sends.Length; i++)
        {
            if (sends[i].IsCompletedSuccessfully) delivered.Add(entries[i].Id);
            else firstError ??= sends[i].Exception?.GetBaseException().Message ?? "cancelled";
        }
        var fatal = sends.Select(t => t.Exception?.GetBaseException()).OfType<KafkaException>().FirstOrDefault(e => e.Error.IsFatal);
        if (firstError is not null)
        {
            metrics.RecordRelayFailure(entries.Count - delivered.Count, firstError);
            log.LogWarning("Relay: {Failed} of {Count} messages not delivered ({Error}); they stay in the outbox and are retried",
                entries.Count - delivered.Count, entries.Count, firstError);
        }
        return (delivered, fatal);
    }

}
