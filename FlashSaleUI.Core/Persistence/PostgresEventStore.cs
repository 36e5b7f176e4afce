using System.Runtime.CompilerServices;
using System.Text.Json;
using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Events;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

public sealed class PostgresEventStore(NpgsqlDataSource db) : IEventStore
{
    public async Task<bool> TryAddAsync(FlashSaleEvent sale, AuditActor actor, CancellationToken ct = default)
    {
        // ON CONFLICT: an existing code is an answer (409), not an exception with an error log.
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO flash_sale_events (code, name, stock, opens_at, closes_at, closed_at, created_at)
            VALUES (@code, @name, @stock, @opens, @closes, @closed, @created)
            ON CONFLICT (code) DO NOTHING
            """, conn, tx))
        {
            insert.Parameters.AddWithValue("code", sale.Code.Value);
            AddRecord(insert, sale);
            insert.Parameters.AddWithValue("created", sale.CreatedAt);
            if (await insert.ExecuteNonQueryAsync(ct) == 0) return false;
        }
        await AuditAsync(conn, tx, actor, AuditAction.Create, sale.Code, null, sale, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<(EventDecision Decision, FlashSaleEvent? Changed)> ChangeAsync(EventCode code,
        Func<FlashSaleEvent, EventDecision> decide, AuditActor actor, string action, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        FlashSaleEvent current;
        await using (var select = new NpgsqlCommand($"SELECT {Columns} FROM flash_sale_events WHERE code = @code FOR UPDATE", conn, tx))
        {
            select.Parameters.AddWithValue("code", code.Value);
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return (EventDecision.NotFound, null);
            current = Read(reader);
        }
        var decision = decide(current);
        if (decision.Updated is not { } wanted) return (decision, null);
        var changed = wanted with { Code = current.Code, CreatedAt = current.CreatedAt, Version = current.Version + 1 };
        await using (var update = new NpgsqlCommand("""
            UPDATE flash_sale_events SET name = @name, stock = @stock, opens_at = @opens, closes_at = @closes,
                                         closed_at = @closed, version = @version
            WHERE code = @code
            """, conn, tx))
        {
            update.Parameters.AddWithValue("code", code.Value);
            AddRecord(update, changed);
            update.Parameters.AddWithValue("version", changed.Version);
            await update.ExecuteNonQueryAsync(ct);
        }
        await AuditAsync(conn, tx, actor, action, code, current, changed, ct);
        await tx.CommitAsync(ct);
        return (decision, changed);
    }

    private const string Columns = "code, name, stock, opens_at, closes_at, closed_at, created_at, version";

    private static FlashSaleEvent Read(NpgsqlDataReader r) => new(EventCode.Parse(r.GetString(0)), r.GetString(1), r.GetInt32(2),
        Time(r, 3), Time(r, 4), Time(r, 5), new DateTimeOffset(r.GetDateTime(6), TimeSpan.Zero), r.GetInt64(7));

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(r.GetDateTime(i), TimeSpan.Zero);

    private static void AddRecord(NpgsqlCommand cmd, FlashSaleEvent sale)
    {
        cmd.Parameters.AddWithValue("name", sale.Name);
        cmd.Parameters.AddWithValue("stock", sale.Stock);
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("opens", sale.OpensAt));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("closes", sale.ClosesAt));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("closed", sale.ClosedAt));
    }

    private static async Task AuditAsync(NpgsqlConnection conn, NpgsqlTransaction tx, AuditActor actor, string action,
        EventCode code, FlashSaleEvent? before, FlashSaleEvent? after, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(PostgresAuditLog.InsertSql, conn, tx);
        PostgresAuditLog.AddParameters(cmd, actor, action, code.Value, AuditJson(before), AuditJson(after), null);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string? AuditJson(FlashSaleEvent? sale) => sale is null ? null : JsonSerializer.Serialize(new
    {
        name = sale.Name, stock = sale.Stock, opensAt = sale.OpensAt, closesAt = sale.ClosesAt, closedAt = sale.ClosedAt,
        version = sale.Version,
    });

    public async Task<FlashSaleEvent?> GetAsync(EventCode code, CancellationToken ct = default) =>
        (await QueryAsync("WHERE code = @code", cmd => cmd.Parameters.AddWithValue("code", code.Value), ct))
        .Select(r => r.Sale).FirstOrDefault();

    public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListAsync(CancellationToken ct = default) =>
        QueryAsync("ORDER BY created_at DESC", _ => { }, ct);

    public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> GetWithPersistedAsync(IReadOnlyCollection<EventCode> codes,
        CancellationToken ct = default) =>
        QueryAsync("WHERE code = ANY(@codes)",
            cmd => cmd.Parameters.Add(new NpgsqlParameter<string[]>("codes", codes.Select(c => c.Value).ToArray())), ct);

    public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListActiveAsync(DateTimeOffset now, CancellationToken ct = default) =>
        // ended less than a day ago still counts: a close that never reached Redis must still be applied there
        QueryAsync("""
            WHERE (closed_at IS NULL OR closed_at > @since) AND (closes_at IS NULL OR closes_at > @since) AND persisted < stock
            """, cmd => cmd.Parameters.AddWithValue("since", now.AddDays(-1)), ct);

    /// <summary>Events with their persisted counts (kept on the event row), in one query.</summary>
    private async Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> QueryAsync(string where, Action<NpgsqlCommand> bind,
        CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns}, persisted FROM flash_sale_events {where}");
        bind(cmd);
        var rows = new List<(FlashSaleEvent, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((Read(reader), reader.GetInt64(8)));
        return rows;
    }

    public async IAsyncEnumerable<IReadOnlyList<Grant>> StoredGrantsAsync(EventCode code, int pageSize,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = "";
        while (true)
        {
            // keyset pages over the (event_code, member_id) unique index: no OFFSET scans on a large sale
            await using var cmd = db.CreateCommand("""
                SELECT member_id, claim_id FROM coupon_issues WHERE event_code = @code AND member_id > @after
                ORDER BY member_id LIMIT @limit
                """);
            cmd.Parameters.AddWithValue("code", code.Value);
            cmd.Parameters.AddWithValue("after", after);
            cmd.Parameters.AddWithValue("limit", pageSize);
            var page = new List<Grant>(pageSize);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) page.Add(new Grant(reader.GetString(0), reader.GetString(1)));
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < pageSize) yield break;
            after = page[^1].MemberId;
        }
    }
}
