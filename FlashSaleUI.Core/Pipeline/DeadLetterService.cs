using Confluent.Kafka;
using FlashSaleUI.Core.Kafka;
using Npgsql;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>Operators see what the sink could not store and, once the cause is fixed (say, the event now exists),
/// replay it to coupon-issued. A replayed message that is still bad simply comes back as a new dead letter.</summary>
public sealed class DeadLetterService(NpgsqlDataSource db, KafkaClients kafka) : IDisposable
{
    private readonly Lazy<IProducer<string, string>> _producer = new(() => kafka.CreateProducer("dlq-replay"));

    public async Task<IReadOnlyList<DeadLetterView>> ListAsync(int limit, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, source_topic || '/' || source_partition || '@' || source_offset, message_key, message_value,
                   event_code, reason, dead_lettered_at, replayed_at
            FROM dead_letters ORDER BY id DESC LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 1000));
        var list = new List<DeadLetterView>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new DeadLetterView(reader.GetInt64(0), reader.GetString(1), Nullable(reader, 2), Nullable(reader, 3),
                Nullable(reader, 4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        return list;
    }

    /// <summary>Dead letters not replayed yet: all of them, or one event's.</summary>
    public Task<long> CountOpenAsync(CancellationToken ct = default) => CountOpenAsync(null, ct);

    public async Task<long> CountOpenAsync(Events.EventCode? code, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(
            "SELECT count(*) FROM dead_letters WHERE replayed_at IS NULL AND (@code::text IS NULL OR event_code = @code)");
        cmd.Parameters.Add(new NpgsqlParameter<string?>("code", code?.Value));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Re-produces the original message to the main topic and marks it replayed. False when there is no
    /// such dead letter or it was replayed already.</summary>
    public async Task<bool> ReplayAsync(long id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var select = new NpgsqlCommand(
            "SELECT message_key, message_value FROM dead_letters WHERE id = @id AND replayed_at IS NULL FOR UPDATE", conn, tx);
        select.Parameters.AddWithValue("id", id);
        string? key, value;
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return false;
            key = Nullable(reader, 0);
            value = Nullable(reader, 1);
        }
        await _producer.Value.ProduceAsync(kafka.Options.Topic, new Message<string, string> { Key = key!, Value = value! }, ct);
        await using var mark = new NpgsqlCommand("UPDATE dead_letters SET replayed_at = now() WHERE id = @id", conn, tx);
        mark.Parameters.AddWithValue("id", id);
        await mark.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static string? Nullable(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public void Dispose()
    {
        if (_producer.IsValueCreated) _producer.Value.Dispose();
    }
}
