using Confluent.Kafka;
using FlashSaleUI.Core.Kafka;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>Operators see what the sink could not store and, once the cause is fixed (say, the event now exists),
/// replay it to coupon-issued. A replayed message that is still bad simply comes back as a new dead letter.</summary>
public sealed class DeadLetterService(IDeadLetters store, KafkaClients kafka, TimeProvider clock) : IDisposable
{
    /// <summary>How old the count every dashboard shows may be: one query per instance, however many operators watch.</summary>
    public static readonly TimeSpan SharedCountMaxAge = TimeSpan.FromSeconds(2);
    private readonly Lazy<IProducer<string, string>> _producer = new(() => kafka.CreateProducer("dlq-replay"));
    private readonly Concurrency.SharedResults<bool, long> _openCount = new(SharedCountMaxAge, clock);

    public Task<IReadOnlyList<DeadLetterView>> ListAsync(int limit, CancellationToken ct = default) => store.ListAsync(limit, ct);

    /// <summary>One event's dead letters not replayed yet.</summary>
    public Task<long> CountOpenAsync(Events.EventCode code, CancellationToken ct = default) => store.CountOpenAsync(code.Value, ct);

    /// <summary>All open dead letters, at most <see cref="SharedCountMaxAge"/> old; dropped by a replay here. Null
    /// while PostgreSQL is unreachable: the pages that show it go on showing the rest.</summary>
    public Task<long?> CountOpenSharedAsync() =>
        UnknownWhilePostgresIsDown(_openCount.GetOrStart(true, _ => store.CountOpenAsync(null, CancellationToken.None)));

    /// <summary>All open dead letters, counted now; null while PostgreSQL is unreachable.</summary>
    public Task<long?> CountOpenOrUnknownAsync(CancellationToken ct = default) =>
        UnknownWhilePostgresIsDown(store.CountOpenAsync(null, ct));

    private static async Task<long?> UnknownWhilePostgresIsDown(Task<long> count)
    {
        try { return await count; }
        catch (Exception e) when (Hosting.DependencyOutage.IsPostgreSql(e)) { return null; }
    }

    /// <summary>Re-produces the original message to the main topic and marks it replayed. False when there is no
    /// such dead letter or it was replayed already.</summary>
    public async Task<bool> ReplayAsync(long id, CancellationToken ct = default)
    {
        var replayed = await store.ReplayAsync(id, (key, value, token) => _producer.Value.ProduceAsync(kafka.Options.Topic,
            new Message<string, string> { Key = key!, Value = value! }, token), ct);
        _openCount.Forget(true);
        return replayed;
    }

    public void Dispose()
    {
        if (_producer.IsValueCreated) _producer.Value.Dispose();
    }
}
