using FlashSaleUI.Core.Members;
using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace FlashSaleUI.Core.Persistence;

/// <summary>member_ticket_keys, through EF Core. The secret is stored encrypted by Data Protection, whose own keys
/// live in the same database: a copy of this table alone signs nothing.</summary>
public sealed class PostgresTicketKeyStore(IDbContextFactory<FlashSaleDbContext> contexts, IDataProtectionProvider protection)
    : ITicketKeyStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("FlashSaleUI.MemberTicketKeys");

    public async Task<IReadOnlyList<TicketKey>> ListUsableAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.TicketKeys.AsNoTracking().Where(k => k.ExpiresAt > now).OrderBy(k => k.Id).ToListAsync(ct);
        return rows.Select(ToKey).ToList();
    }

    public async Task<TicketKey> AddAsync(byte[] secret, DateTimeOffset activatesAt, DateTimeOffset retiresAt,
        DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = new TicketKeyRow(_protector.Protect(Convert.ToBase64String(secret)), DateTimeOffset.UtcNow,
            activatesAt.ToUniversalTime(), retiresAt.ToUniversalTime(), expiresAt.ToUniversalTime());
        db.TicketKeys.Add(row);
        await db.SaveChangesAsync(ct);
        return ToKey(row);
    }

    private TicketKey ToKey(TicketKeyRow row) =>
        new(row.Id, Convert.FromBase64String(_protector.Unprotect(row.ProtectedSecret)), row.ActivatesAt, row.RetiresAt, row.ExpiresAt);
}
