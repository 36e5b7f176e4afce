using FlashSaleUI.Core.Claims;
using FlashSaleUI.Core.Pipeline;
using Npgsql;
using NpgsqlTypes;

namespace FlashSaleUI.Core.Persistence;

/// <summary>The sink's batches in PostgreSQL: coupon_issues gets one COPY per batch (idempotent by the
/// (event_code, member_id) unique constraint: a batch with a stored coupon takes the ON CONFLICT DO NOTHING way), with
/// each event's persisted count bumped in the same transaction; the batch's dead letters go in with it.
/// On the NpgsqlDataSource, not EF Core: binary COPY is the sink's throughput (docs/BENCHMARKS.md "The sink's writer").</summary>
public sealed class PostgresCouponBatchStore(NpgsqlDataSource db) : ICouponBatchStore
{
    // Events are never deleted, so a code once found stays known; only unseen codes cost a query.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _known = new();

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

    public async Task<long> WriteAsync(IReadOnlyList<CouponIssued> coupons, IReadOnlyList<DeadLetter> deadLetters, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long inserted = 0;
        if (coupons.Count > 0) inserted = await InsertAsync(conn, tx, coupons, ct);
        if (deadLetters.Count > 0) await PostgresDeadLetters.AddAsync(conn, tx, deadLetters, ct);
        await tx.CommitAsync(ct);
        return inserted;
    }

    /// <summary>The fast way first: binary COPY straight into coupon_issues under a savepoint, for a batch whose events
    /// all exist (locked FOR KEY SHARE while it is written) and whose coupons are all new, which is every batch but a
    /// redelivered one (faster than staging: docs/BENCHMARKS.md "The sink's writer: COPY straight into the table"). If PostgreSQL refuses
    /// it (a coupon already stored, 23505, or any other refusal), the batch goes back to the savepoint and takes the
    /// idempotent way.</summary>
    private static async Task<long> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<CouponIssued> coupons,
        CancellationToken ct)
    {
        var perEvent = coupons.GroupBy(c => c.EventCode).ToArray();
        var codes = perEvent.Select(g => g.Key).ToArray();
        if (!await AllEventsExistAsync(conn, tx, codes, ct))
            return await InsertStagedAsync(conn, tx, coupons, ct);
        await tx.SaveAsync("direct", ct);
        try
        {
            await CopyAsync(conn, "coupon_issues", coupons, ct);
            await using var bump = new NpgsqlCommand("""
                UPDATE flash_sale_events e SET persisted = e.persisted + v.n
                FROM unnest(@codes, @counts) AS v(code, n) WHERE e.code = v.code
                """, conn, tx);
            bump.Parameters.Add(new NpgsqlParameter<string[]>("codes", codes));
            bump.Parameters.Add(new NpgsqlParameter<long[]>("counts", perEvent.Select(g => (long)g.Count()).ToArray()));
            await bump.ExecuteNonQueryAsync(ct);
            await tx.ReleaseAsync("direct", ct);
            return coupons.Count;
        }
        catch (PostgresException)
        {
            await tx.RollbackAsync("direct", ct);
            return await InsertStagedAsync(conn, tx, coupons, ct);
        }
    }

    private static async Task<bool> AllEventsExistAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] codes, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT code FROM flash_sale_events WHERE code = ANY(@codes) FOR KEY SHARE", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("codes", codes));
        var found = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found++;
        return found == codes.Length;
    }

    /// <summary>The idempotent way: binary COPY into a temporary staging table (made in the batch's transaction when
    /// the connection has none: a pooled connection is reset when it is returned, which drops it; emptied at commit),
    /// then one INSERT ... ON CONFLICT DO NOTHING from it, so replays insert nothing. The event must exist: a
    /// semi-join here, not a foreign key's trigger per row (migration 0005).</summary>
    private static async Task<long> InsertStagedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<CouponIssued> coupons,
        CancellationToken ct)
    {
        await using (var stage = new NpgsqlCommand("""
            CREATE TEMP TABLE IF NOT EXISTS coupon_stage (
                event_code varchar(32), member_id varchar(255), claim_id varchar(64), coupon_code varchar(19), issued_at timestamptz
            ) ON COMMIT DELETE ROWS
            """, conn, tx))
            await stage.ExecuteNonQueryAsync(ct);
        await CopyAsync(conn, "coupon_stage", coupons, ct);
        await using var insert = new NpgsqlCommand("""
            WITH ins AS (
                INSERT INTO coupon_issues (event_code, member_id, claim_id, coupon_code, issued_at)
                SELECT s.event_code, s.member_id, s.claim_id, s.coupon_code, s.issued_at FROM coupon_stage s
                WHERE EXISTS (SELECT 1 FROM flash_sale_events e WHERE e.code = s.event_code)
                ON CONFLICT (event_code, member_id) DO NOTHING
                RETURNING event_code),
            counts AS (SELECT event_code, count(*) AS n FROM ins GROUP BY event_code),
            bump AS (
                UPDATE flash_sale_events e SET persisted = e.persisted + c.n
                FROM counts c WHERE e.code = c.event_code)
            SELECT coalesce(sum(n), 0) FROM counts
            """, conn, tx);
        return Convert.ToInt64(await insert.ExecuteScalarAsync(ct));
    }

    /// <summary>Binary COPY, PostgreSQL's fastest way in (docs/BENCHMARKS.md "The sink's writer").</summary>
    private static async Task CopyAsync(NpgsqlConnection conn, string table, IReadOnlyList<CouponIssued> coupons, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(
            $"COPY {table} (event_code, member_id, claim_id, coupon_code, issued_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in coupons)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(c.EventCode, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(c.MemberId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(c.ClaimId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(CouponCode.From(c.ClaimId), NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(c.IssuedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
