using FlashSaleUI.Core.Pipeline;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

/// <summary>The dead_letters table: the one place its SQL lives.</summary>
public sealed class PostgresDeadLetters(NpgsqlDataSource db) : IDeadLetters
{
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
            list.Add(new DeadLetterView(reader.GetInt64(0), reader.GetString(1), Text(reader, 2), Text(reader, 3),
                Text(reader, 4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        return list;
    }

    public async Task<long> CountOpenAsync(string? eventCode, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(
            "SELECT count(*) FROM dead_letters WHERE replayed_at IS NULL AND (@code::text IS NULL OR event_code = @code)");
        cmd.Parameters.Add(new NpgsqlParameter<string?>("code", eventCode));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<bool> ReplayAsync(long id, Func<string?, string?, CancellationToken, Task> resend, CancellationToken ct = default)
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
            key = Text(reader, 0);
            value = Text(reader, 1);
        }
        await resend(key, value, ct);
        await using var mark = new NpgsqlCommand("UPDATE dead_letters SET replayed_at = now() WHERE id = @id", conn, tx);
        mark.Parameters.AddWithValue("id", id);
        await mark.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Adds a batch's dead letters inside the caller's transaction (the sink's batch); a redelivered one, same
    /// source and fingerprint, is kept once.</summary>
    internal static async Task AddAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<DeadLetter> deadLetters,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO dead_letters (source_topic, source_partition, source_offset, message_key, message_value, event_code,
                                      reason, fingerprint)
            SELECT * FROM unnest(@topics, @partitions, @offsets, @keys, @values, @codes, @reasons, @fingerprints)
            ON CONFLICT ON CONSTRAINT dead_letters_source DO NOTHING
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("topics", deadLetters.Select(d => d.Topic).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("partitions", deadLetters.Select(d => d.Partition).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("offsets", deadLetters.Select(d => d.Offset).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("keys", deadLetters.Select(d => WithoutNul(d.Key)).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("values", deadLetters.Select(d => WithoutNul(d.Value)).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string?[]>("codes", deadLetters.Select(d => WithoutNul(d.EventCode)).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("reasons", deadLetters.Select(d => WithoutNul(d.Reason)!).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("fingerprints", deadLetters.Select(d => d.Fingerprint).ToArray()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // PostgreSQL text cannot hold NUL; a poison message may contain anything.
    private static string? WithoutNul(string? text) => text?.Replace("\0", "\\u0000");

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
