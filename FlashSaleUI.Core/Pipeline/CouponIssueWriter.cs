using FlashSaleUI.Core.Claims;
using Npgsql;
using NpgsqlTypes;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>A message the sink could not store, with where it came from and why. The fingerprint tells two messages
/// at the same offset apart (an embedded broker that restarted reuses offsets).</summary>
public sealed record DeadLetter(string Topic, int Partition, long Offset, string? Key, string? Value, string? EventCode, string Reason)
{
    public string Fingerprint => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes($"{Key}\n{Value}")));
}

/// <summary>Writes the sink's batches to PostgreSQL: one set-based insert per batch, idempotent by the
/// (event_code, member_id) unique constraint, with each event's persisted count bumped in the same statement.</summary>
public sealed class CouponIssueWriter(NpgsqlDataSource db)
{
    // Events are never deleted, so a code once found stays known; only unseen codes cost a query.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _known = new();

    /// <summary>Which of these event codes exist (a coupon for an unknown event can never be stored).</summary>
    public async Task<HashSet<string>> KnownEventsAsync(IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var unseen = codes.Where(c => !_known.ContainsKey(c)).ToArray();
        if (unseen.Length > 0)
        {
            await using var cmd = db.CreateCommand("SELECT code FROM flash_sale_events WHERE code = ANY(@codes)");
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("codes", unseen));
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) _known[reader.GetString(0)] = true;
        }
        return codes.Where(_known.ContainsKey).ToHashSet();
    }

    /// <summary>Inserts the coupons (replays insert nothing) and records the dead letters, in one transaction.
    /// Returns the number of rows actually inserted.</summary>
    public async Task<long> WriteAsync(IReadOnlyList<CouponIssued> coupons, IReadOnlyList<DeadLetter> deadLetters, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long inserted = 0;
        if (coupons.Count > 0)
        {
            await using var cmd = new NpgsqlCommand("""
                WITH ins AS (
                    INSERT INTO coupon_issues (event_code, member_id, claim_id, coupon_code, issued_at)
                    SELECT * FROM unnest(@codes, @members, @claims, @coupons, @issued)
                    ON CONFLICT (event_code, member_id) DO NOTHING
                    RETURNING event_code),
                counts AS (SELECT event_code, count(*) AS n FROM ins GROUP BY event_code),
                bump AS (
                    UPDATE flash_sale_events e SET persisted = e.persisted + c.n
                    FROM counts c WHERE e.code = c.event_code)
                SELECT coalesce(sum(n), 0) FROM counts
                """, conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("codes", coupons.Select(c => c.EventCode).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("members", coupons.Select(c => c.MemberId).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("claims", coupons.Select(c => c.ClaimId).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("coupons", coupons.Select(c => CouponCode.From(c.ClaimId)).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<DateTime[]>("issued", coupons.Select(c => c.IssuedAt.UtcDateTime).ToArray())
                { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            inserted = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
        }
        if (deadLetters.Count > 0)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO dead_letters (source_topic, source_partition, source_offset, message_key, message_value, event_code, reason, fingerprint)
                SELECT * FROM unnest(@topics, @partitions, @offsets, @keys, @values, @codes, @reasons, @fingerprints)
                ON CONFLICT ON CONSTRAINT dead_letters_source DO NOTHING
                """, conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("topics", deadLetters.Select(d => d.Topic).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("partitions", deadLetters.Select(d => d.Partition).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long[]>("offsets", deadLetters.Select(d => d.Offset).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>("keys", deadLetters.Select(d => Clean(d.Key)).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>("values", deadLetters.Select(d => Clean(d.Value)).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string?[]>("codes", deadLetters.Select(d => Clean(d.EventCode)).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("reasons", deadLetters.Select(d => Clean(d.Reason)!).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("fingerprints", deadLetters.Select(d => d.Fingerprint).ToArray()));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return inserted;
    }

    // PostgreSQL text cannot hold NUL; a poison message may contain anything.
    private static string? Clean(string? text) => text?.Replace("\0", "\\u0000");
}
