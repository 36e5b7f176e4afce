using FlashSaleUI.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace FlashSaleUI.Core.Persistence;

public sealed class PostgresEventStore(IDbContextFactory<FlashSaleDbContext> contexts) : IEventStore
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
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Events.FirstOrDefaultAsync(e => e.Code == code.Value, ct);
        if (row is null) return null;
        row.OpensAt = opensAt;
        row.ClosedAt = closedAt;
        await db.SaveChangesAsync(ct);
        return ToDomain(row);
    }

    private static FlashSaleEvent ToDomain(EventEntity e) =>
        new(EventCode.Parse(e.Code), e.Name, e.Stock, e.OpensAt, e.ClosesAt, e.ClosedAt, e.CreatedAt);
}
