using System.Runtime.CompilerServices;
using FlashSaleUI.Core.Events;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

public sealed class PostgresEventStore(IDbContextFactory<FlashSaleDbContext> contexts, NpgsqlDataSource db) : IEventStore
{
    public async Task<bool> TryAddAsync(FlashSaleEvent sale, CancellationToken ct = default)
    {
        // ON CONFLICT: an existing code is an answer (409), not an exception with an error log.
        await using var db = await contexts.CreateDbContextAsync(ct);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO flash_sale_events (code, name, stock, opens_at, closes_at, closed_at, created_at)
            VALUES ({sale.Code.Value}, {sale.Name}, {sale.Stock}, {sale.OpensAt}, {sale.ClosesAt}, {sale.ClosedAt}, {sale.CreatedAt})
            ON CONFLICT (code) DO NOTHING
            """, ct);
        return inserted == 1;
    }

    public async Task<FlashSaleEvent?> GetAsync(EventCode code, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Code == code.Value, ct);
        return row is null ? null : ToDomain(row);
    }

    public async Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Events.AsNoTracking().OrderByDescending(e => e.CreatedAt).ToListAsync(ct);
        return rows.Select(r => (ToDomain(r), r.Persisted)).ToList();
    }

    public async Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> GetWithPersistedAsync(IReadOnlyCollection<EventCode> codes, CancellationToken ct = default)
    {
        var keys = codes.Select(c => c.Value).ToArray();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Events.AsNoTracking().Where(e => keys.Contains(e.Code)).ToListAsync(ct);
        return rows.Select(r => (ToDomain(r), r.Persisted)).ToList();
    }

    public async Task<FlashSaleEvent?> UpdateWindowAsync(EventCode code, DateTimeOffset? opensAt, DateTimeOffset? closedAt, CancellationToken ct = default)
    {
        // one statement: concurrent changes are serialised by the row lock and each gets its own version
        await using var dbContext = await contexts.CreateDbContextAsync(ct);
        var rows = await dbContext.Events.FromSqlInterpolated($"""
            UPDATE flash_sale_events SET opens_at = {opensAt}, closed_at = {closedAt}, version = version + 1
            WHERE code = {code.Value} RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return rows.Count == 0 ? null : ToDomain(rows[0]);
    }

    public async Task<IReadOnlyList<(FlashSaleEvent Sale, long Persisted)>> ListActiveAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        // ended less than a day ago still counts: a close that never reached Redis must still be applied there
        var since = now.AddDays(-1);
        await using var dbContext = await contexts.CreateDbContextAsync(ct);
        var rows = await dbContext.Events.AsNoTracking()
            .Where(e => (e.ClosedAt == null || e.ClosedAt > since) && (e.ClosesAt == null || e.ClosesAt > since) && e.Persisted < e.Stock)
            .ToListAsync(ct);
        return rows.Select(r => (ToDomain(r), r.Persisted)).ToList();
    }

    public async IAsyncEnumerable<IReadOnlyList<string>> StoredMembersAsync(EventCode code, int pageSize,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var after = "";
        while (true)
        {
            // keyset pages over the (event_code, member_id) unique index: no OFFSET scans on a large sale
            await using var cmd = db.CreateCommand("""
                SELECT member_id FROM coupon_issues WHERE event_code = @code AND member_id > @after
                ORDER BY member_id LIMIT @limit
                """);
            cmd.Parameters.AddWithValue("code", code.Value);
            cmd.Parameters.AddWithValue("after", after);
            cmd.Parameters.AddWithValue("limit", pageSize);
            var page = new List<string>(pageSize);
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) page.Add(reader.GetString(0));
            if (page.Count == 0) yield break;
            yield return page;
            if (page.Count < pageSize) yield break;
            after = page[^1];
        }
    }

    private static FlashSaleEvent ToDomain(EventEntity e) =>
        new(EventCode.Parse(e.Code), e.Name, e.Stock, e.OpensAt, e.ClosesAt, e.ClosedAt, e.CreatedAt, e.Version);
}
