using FlashSaleUI.Core.Pipeline;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

/// <summary>The dead_letters table: reads and replays through EF Core; the sink adds its batch's letters inside its own
/// COPY transaction (AddAsync).</summary>
public sealed class PostgresDeadLetters(IDbContextFactory<FlashSaleDbContext> contexts) : IDeadLetters
{
    public async Task<IReadOnlyList<DeadLetterView>> ListAsync(int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.DeadLetters.AsNoTracking().OrderByDescending(d => d.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
        return rows.Select(d => new DeadLetterView(d.Id, $"{d.SourceTopic}/{d.SourcePartition}@{d.SourceOffset}", d.MessageKey,
            d.MessageValue, d.EventCode, d.Reason, d.DeadLetteredAt, d.ReplayedAt)).ToList();
    }

    public async Task<long> CountOpenAsync(string? eventCode, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var open = db.DeadLetters.Where(d => d.ReplayedAt == null);
        if (eventCode is not null) open = open.Where(d => d.EventCode == eventCode);
        return await open.LongCountAsync(ct);
    }

    public async Task<bool> ReplayAsync(long id, Func<string?, string?, CancellationToken, Task> resend, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // the row lock makes two operators' replays of one letter send it once
        var letter = await db.DeadLetters
            .FromSql($"SELECT * FROM dead_letters WHERE id = {id} AND replayed_at IS NULL FOR UPDATE").SingleOrDefaultAsync(ct);
        if (letter is null) return false;
        await resend(letter.MessageKey, letter.MessageValue, ct);
        letter.ReplayedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
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
}
