using System.Runtime.CompilerServices;
using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

/// <summary>flash_sale_events: reads through EF Core; a change and its audit entry commit in one transaction.</summary>
public sealed class PostgresEventStore(IDbContextFactory<FlashSaleDbContext> contexts, NpgsqlDataSource db) : IEventStore
{
    // The two write transactions stay on the NpgsqlDataSource: through EF Core's SaveChanges they were slower
    // (docs/BENCHMARKS.md "The record", rows "event write" and "event change").
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
            EventRecordSql.AddRecord(insert, sale);
            insert.Parameters.AddWithValue("created", sale.CreatedAt);
            if (await insert.ExecuteNonQueryAsync(ct) == 0) return false;
        }
        await EventRecordSql.AuditAsync(conn, tx, actor, AuditAction.Create, sale.Code, null, sale, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<(EventDecision Decision, FlashSaleEvent? Changed)> ChangeAsync(EventCode code,
        Func<FlashSaleEvent, EventDecision> decide, AuditActor actor, string action, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        FlashSaleEvent current;
        await using (var select = new NpgsqlCommand(
            $"SELECT {EventRecordSql.Columns} FROM flash_sale_events WHERE code = @code FOR UPDATE", conn, tx))
        {
            select.Parameters.AddWithValue("code", code.Value);
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return (EventDecision.NotFound, null);
            current = EventRecordSql.Read(reader);
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
            EventRecordSql.AddRecord(update, changed);
            update.Parameters.AddWithValue("version", changed.Version);
            await update.ExecuteNonQueryAsync(ct);
        }
        await EventRecordSql.AuditAsync(conn, tx, actor, action, code, current, changed, ct);
        await tx.CommitAsync(ct);
        return (decision, changed);
    }

    // compiled once: the read by code is what every uncached event read costs
    private static readonly Func<FlashSaleDbContext, string, Task<EventRow?>> ByCode =
        EF.CompileAsyncQuery((FlashSaleDbContext db, string code) => db.Events.AsNoTracking().FirstOrDefault(e => e.Code == code));

    public async Task<FlashSaleEvent?> GetAsync(EventCode code, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await ByCode(db, code.Value);
        return row is null ? null : ToEvent(row);
    }

    public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListAsync(CancellationToken ct = default) =>
        QueryAsync(events => events.OrderByDescending(e => e.CreatedAt), ct);

    public Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> GetWithPersistedAsync(IReadOnlyCollection<EventCode> codes,
        CancellationToken ct = default)
    {
        var values = codes.Select(c => c.Value).ToArray();
        return QueryAsync(events => events.Where(e => values.Contains(e.Code)), ct);
    }

    // On the NpgsqlDataSource: every instance lists the active events every second or two (relay, live-state check),
    // and EF Core's list was slower (docs/BENCHMARKS.md "The record", row "active events").
    public async Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListActiveAsync(DateTimeOffset now,
        CancellationToken ct = default)
    {
        // ended less than a day ago still counts: a close that never reached Redis must still be applied there
        await using var cmd = db.CreateCommand($"""
            SELECT {EventRecordSql.Columns}, persisted FROM flash_sale_events
            WHERE (closed_at IS NULL OR closed_at > @since) AND (closes_at IS NULL OR closes_at > @since) AND persisted < stock
            """);
        cmd.Parameters.AddWithValue("since", now.AddDays(-1).ToUniversalTime());
        var active = new List<(FlashSaleEvent, long)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) active.Add((EventRecordSql.Read(reader), reader.GetInt64(8)));
        return active;
    }

    /// <summary>Events with their persisted counts (kept on the event row), in one query.</summary>
    private async Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> QueryAsync(
        Func<IQueryable<EventRow>, IQueryable<EventRow>> shape, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await shape(db.Events.AsNoTracking()).ToListAsync(ct);
        return rows.Select(r => (ToEvent(r), r.Persisted)).ToList();
    }

    public async IAsyncEnumerable<IReadOnlyList<Grant>> StoredGrantsAsync(EventCode code, int pageSize,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = "";
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            // keyset pages over the (event_code, member_id) unique index: no OFFSET scans on a large sale
            var page = await db.Coupons.AsNoTracking()
                .Where(c => c.EventCode == code.Value && string.Compare(c.MemberId, after) > 0)
                .OrderBy(c => c.MemberId).Take(pageSize)
                .Select(c => new Grant(c.MemberId, c.ClaimId)).ToListAsync(ct);
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < pageSize) yield break;
            after = page[^1].MemberId;
        }
    }

    private static FlashSaleEvent ToEvent(EventRow r) =>
        new(EventCode.Parse(r.Code), r.Name, r.Stock, r.OpensAt, r.ClosesAt, r.ClosedAt, r.CreatedAt, r.Version);
}
