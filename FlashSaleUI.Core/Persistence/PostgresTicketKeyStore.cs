using System.Security.Cryptography;
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

    public async Task<TicketKeysRead> ListUsableAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.TicketKeys.AsNoTracking().Where(k => k.ExpiresAt > now).OrderBy(k => k.Id).ToListAsync(ct);
        var (keys, unreadable) = (new List<TicketKey>(), new List<int>());
        foreach (var row in rows)
        {
            try { keys.Add(ToKey(row)); }
            catch (CryptographicException) { unreadable.Add(row.Id); }
        }
        return new TicketKeysRead(keys, unreadable);
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
