using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using FlashSaleUI.Core.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>Reads coupon-issued in batches and stores them in PostgreSQL, committing Kafka offsets only after the
/// database commit. Redelivered messages insert nothing (unique on event and member). A message that can never be
/// stored goes to coupon-issued.dlq (reason in headers) and to the dead_letters table on its first failure, and the
/// partition moves on: invalid fields, an unknown event, or data PostgreSQL refuses (the batch is split until the
/// refused messages are found). Any other database error is transient: the batch is retried with backoff, never
/// dead-lettered. The consumer itself never stops for good: any error rebuilds it after a backoff.
/// Longer than 150 lines on purpose: consume, store, dead-letter and commit are one ordering argument (offsets only
/// after the database commit, the DLQ topic before the table), kept in one place.</summary>
public sealed class CouponSink(KafkaClients kafka, ICouponBatchStore batches, PipelineMetrics metrics, PipelineDrain drain,
    IOptions<PipelineOptions> options, ILogger<CouponSink> log, TimeProvider clock) : BackgroundService
{
    private readonly string _clientId = InstanceName.Create("sink");

    protected override Task ExecuteAsync(CancellationToken stop) =>
        !options.Value.SinkEnabled ? Task.CompletedTask
        // Consume blocks, so the loop gets a thread of its own.
        : Task.Factory.StartNew(() => SuperviseAsync(stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>Runs the consumer; whatever it throws (a ConsumeException of any kind, max.poll.interval exceeded
    /// by a store that hung without failing, a broken client), a new consumer takes over after a backoff. Uncommitted
    /// messages are read again and insert nothing twice.</summary>
    private Task SuperviseAsync(CancellationToken stop) => Restarting.RunAsync(RunAsync, (e, delay) =>
    {
        metrics.RecordSinkRestart($"consumer failed ({e.GetBaseException().Message}); restarted");
        log.LogError(e, "Sink consumer failed; a new one starts in {Delay} s", delay.TotalSeconds);
    }, clock, stop);

    private async Task RunAsync(CancellationToken stop)
    {
        // Storing is not cut short by the stop signal: a batch being written is finished, then the drain runs, until
        // this deadline.
        using var deadline = new CancellationTokenSource();
        await using var _ = stop.Register(() => deadline.CancelAfter(TimeSpan.FromSeconds(options.Value.DrainSeconds)));
        using var consumer = kafka.CreateConsumer(kafka.Options.SinkGroup, _clientId);
        using var dlqProducer = kafka.CreateProducer(_clientId + "-dlq");
        consumer.Subscribe(kafka.Options.Topic);
        _lag = new SinkLag(consumer, metrics, clock);
        _carried.Clear(); // read by a consumer that is gone: this one reads them again from the committed offsets
        log.LogInformation("Sink {Client} consuming {Topic} as group {Group}", _clientId, kafka.Options.Topic, kafka.Options.SinkGroup);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = ConsumeBatch(consumer, stop);
                _lag.Measure();
                if (batch.Count == 0) continue;
                await StoreAndCommitAsync(consumer, dlqProducer, batch, deadline.Token);
            }
            await DrainAsync(consumer, dlqProducer, deadline.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally
        {
            // leave the group promptly so partitions move to another instance without waiting for the session timeout
            try { consumer.Close(); } catch (KafkaException) { }
            _lag.Closed();
        }
    }

    /// <summary>Stopping: once the relay has sent what it could, store what Kafka still holds for this consumer's
    /// partitions (joining the group first if it had not yet), until it has caught up or the deadline passes.</summary>
    private async Task DrainAsync(IConsumer<string, string> consumer, IProducer<string, string> dlqProducer, CancellationToken deadline)
    {
        await drain.RelayDone.WaitAsync(deadline);
        var stored = 0;
        while (!deadline.IsCancellationRequested)
        {
            var batch = ConsumeBatch(consumer, deadline);
            _lag?.Measure();
            if (batch.Count > 0)
            {
                await StoreAndCommitAsync(consumer, dlqProducer, batch, deadline);
                stored += batch.Count;
            }
            else if (consumer.Assignment.Count > 0 && CaughtUp(consumer)) break;
        }
        log.LogInformation("Sink drained on stop: {Count} more messages stored", stored);
    }

    /// <summary>Every assigned partition read up to its end (the broker's high watermark).</summary>
    private static bool CaughtUp(IConsumer<string, string> consumer) => consumer.Assignment.All(partition =>
    {
        var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(1)).High;
        var position = consumer.Position(partition);
        return end.Value <= 0 || (position.Value >= 0 && position.Value >= end.Value)
               || (position == Offset.Unset && consumer.Committed([partition], TimeSpan.FromSeconds(1))[0].Offset.Value >= end.Value);
    });

    private List<ConsumeResult<string, string>> ConsumeBatch(IConsumer<string, string> consumer, CancellationToken stop)
    {
        var batch = new List<ConsumeResult<string, string>>(_carried);
        _carried.Clear();
        if (batch.Count == 0)
        {
            var first = consumer.Consume(TimeSpan.FromMilliseconds(250));
            if (first is null || first.IsPartitionEOF) return batch;
            batch.Add(first);
            _lag?.Read(first);
        }
        var linger = Stopwatch.StartNew();
        while (batch.Count < options.Value.SinkBatch && !stop.IsCancellationRequested)
        {
            var left = options.Value.SinkLingerMs - (int)linger.ElapsedMilliseconds;
            if (left <= 0) break;
            var next = consumer.Consume(TimeSpan.FromMilliseconds(left));
            if (next is null) break;
            if (next.IsPartitionEOF) continue;
            batch.Add(next);
            _lag?.Read(next);
        }
        return batch;
    }

    // the running consumer's lag; replaced with the consumer
    private SinkLag? _lag;
    // messages read while a batch waited (a partition assigned meanwhile): the next batch starts with them
    private readonly List<ConsumeResult<string, string>> _carried = [];
    // built once, not per batch: one batch is stored at a time, and the retry log names its size
    private ResiliencePipeline? _storeRetries;
    private int _storingCount;
    // set by the first failure of the batch being stored: from then on the consumer is held (HoldWhileStoring)
    private TaskCompletionSource _storeFailed = new();

    private async Task StoreAndCommitAsync(IConsumer<string, string> consumer, IProducer<string, string> dlqProducer,
        List<ConsumeResult<string, string>> batch, CancellationToken stop)
    {
        _storeFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storing = StoreWithRetryAsync(dlqProducer, batch, stop);
        if (await Task.WhenAny(storing, _storeFailed.Task) != storing) HoldWhileStoring(consumer, storing);
        await storing;
        Commit(consumer, batch);
    }

    /// <summary>The batch waits (PostgreSQL down): the consumer keeps polling, its partitions paused, until it is stored.
    /// A consumer that stops polling holds up every rebalance of the group (another instance starting or stopping waits
    /// for it), and with cooperative-sticky it can lose its assignment; after max.poll.interval.ms it is put out of the
    /// group. Polling serves the group protocol, and the lag is measured meanwhile. A partition assigned during the wait
    /// is not paused yet: its first message is kept for the next batch and the partition paused.</summary>
    private void HoldWhileStoring(IConsumer<string, string> consumer, Task storing)
    {
        consumer.Pause(consumer.Assignment);
        try
        {
            while (!storing.IsCompleted)
            {
                var message = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (message is { IsPartitionEOF: false })
                {
                    _carried.Add(message);
                    _lag?.Read(message);
                    consumer.Pause([message.TopicPartition]);
                }
                _lag?.Measure(askBroker: true);
            }
        }
        catch (KafkaException)
        {
            // the consumer failed while holding: the batch is stored first (not committed), then the consumer is rebuilt
            ((IAsyncResult)storing).AsyncWaitHandle.WaitOne();
            throw;
        }
        // resuming fetches from each partition's position: after the last message handed out, none skipped
        consumer.Resume(consumer.Assignment);
    }

    private async Task StoreWithRetryAsync(IProducer<string, string> dlqProducer,
        List<ConsumeResult<string, string>> batch, CancellationToken stop)
    {
        // PostgreSQL down, or the DLQ topic unreachable: keep the batch, keep the offsets, try again
        _storeRetries ??= PipelineRetries.SinkStore.Pipeline(clock, _ => true, (e, delay) =>
        {
            metrics.RecordSinkError(e.Message);
            _storeFailed.TrySetResult(); // the batch waits: hold the consumer and measure what piles up behind it
            log.LogWarning("Sink: storing a batch of {Count} failed ({Error}); retrying in {Delay:F0} ms",
                _storingCount, e.GetBaseException().Message, delay.TotalMilliseconds);
        });
        _storingCount = batch.Count;
        var isolate = false;
        await _storeRetries.ExecuteAsync(async ct =>
        {
            if (isolate)
            {
                await StoreIsolatingRefusedAsync(dlqProducer, batch, ct);
                return;
            }
            try { await StoreAsync(dlqProducer, batch, ct); }
            catch (PostgresException e) when (IsRefusedData(e) && !ct.IsCancellationRequested)
            {
                // something in the batch can never be stored: find it, dead-letter it, store the rest (at once)
                isolate = true;
                await StoreIsolatingRefusedAsync(dlqProducer, batch, ct);
            }
        }, stop);
    }

    /// <summary>PostgreSQL refusing the data itself (SQLSTATE class 22 data exception, e.g. a NUL character; 23
    /// integrity other than the unique key, which is absorbed; 54 limits): retrying can never succeed.</summary>
    private static bool IsRefusedData(PostgresException e) =>
        e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal)
        || e.SqlState.StartsWith("54", StringComparison.Ordinal);

    /// <summary>Halves the batch until the refused messages stand alone; each of those is dead-lettered with the
    /// database's reason. Transient errors on the way propagate to the caller's retry.</summary>
    private async Task StoreIsolatingRefusedAsync(IProducer<string, string> dlqProducer,
        List<ConsumeResult<string, string>> batch, CancellationToken stop)
    {
        try
        {
            await StoreAsync(dlqProducer, batch, stop);
        }
        catch (PostgresException e) when (IsRefusedData(e) && batch.Count > 1)
        {
            var half = batch.Count / 2;
            await StoreIsolatingRefusedAsync(dlqProducer, batch[..half], stop);
            await StoreIsolatingRefusedAsync(dlqProducer, batch[half..], stop);
        }
        catch (PostgresException e) when (IsRefusedData(e))
        {
            await StoreAsync(dlqProducer, batch, stop, refusedBy: $"PostgreSQL refused it: {e.SqlState} {e.MessageText}");
        }
    }

    private async Task StoreAsync(IProducer<string, string> dlqProducer, List<ConsumeResult<string, string>> batch, CancellationToken stop,
        string? refusedBy = null)
    {
        var parsed = batch.Select(m =>
        {
            var ok = CouponIssued.TryParse(m.Message.Key, m.Message.Value, out var coupon, out var reason);
            return (Message: m, Coupon: ok ? coupon : null, Reason: reason);
        }).ToList();
        var codes = parsed.Where(p => p.Coupon is not null).Select(p => p.Coupon!.EventCode).Distinct().ToList();
        var known = codes.Count > 0 ? await batches.KnownEventsAsync(codes, stop) : [];
        bool Storable((ConsumeResult<string, string> Message, CouponIssued? Coupon, string Reason) p) =>
            refusedBy is null && p.Coupon is not null && known.Contains(p.Coupon.EventCode);
        var coupons = parsed.Where(Storable).Select(p => p.Coupon!).ToList();
        var deadLetters = parsed.Where(p => !Storable(p))
            .Select(p => new DeadLetter(p.Message.Topic, p.Message.Partition.Value, p.Message.Offset.Value, p.Message.Message.Key,
                p.Message.Message.Value, p.Coupon?.EventCode,
                p.Coupon is null ? p.Reason : !known.Contains(p.Coupon.EventCode) ? "unknown event" : refusedBy!))
            .ToList();

        // DLQ topic first: if the database write then fails, the retry produces it again (the table keeps it once)
        await Task.WhenAll(deadLetters.Select(d => dlqProducer.ProduceAsync(kafka.Options.DeadLetterTopic, ToDlqMessage(d), stop)));
        var inserted = await batches.WriteAsync(coupons, deadLetters, stop);

        metrics.RecordConsumed(batch.Count);
        metrics.RecordPersisted(inserted);
        if (deadLetters.Count > 0)
        {
            metrics.RecordDeadLettered(deadLetters.Count);
            foreach (var d in deadLetters)
                log.LogWarning("Sink: dead-lettered {Topic}/{Partition}@{Offset}: {Reason}", d.Topic, d.Partition, d.Offset, d.Reason);
        }
        var now = clock.GetUtcNow();
        foreach (var coupon in coupons) metrics.RecordClaimToRow(now - coupon.IssuedAt);
    }

    private Message<string, string> ToDlqMessage(DeadLetter d) => new()
    {
        Key = d.Key!,
        Value = d.Value!,
        Headers = new Headers
        {
            { "dlq-reason", Encoding.UTF8.GetBytes(d.Reason) },
            { "dlq-source", Encoding.UTF8.GetBytes($"{d.Topic}/{d.Partition}@{d.Offset}") },
            { "dlq-at", Encoding.UTF8.GetBytes(clock.GetUtcNow().ToString("O")) },
        },
    };

    private void Commit(IConsumer<string, string> consumer, List<ConsumeResult<string, string>> batch)
    {
        var offsets = batch.GroupBy(m => m.TopicPartition)
            .Select(g => new TopicPartitionOffset(g.Key, g.Max(m => m.Offset.Value) + 1)).ToList();
        try
        {
            consumer.Commit(offsets);
            _lag?.Committed(offsets);
        }
        catch (KafkaException e)
        {
            // partitions revoked by a rebalance: their new owner re-reads from the last commit; inserts are idempotent
            log.LogWarning("Sink: offset commit failed ({Error}); the messages will be redelivered and skipped", e.Error.Reason);
        }
    }
}
