using System.Security.Cryptography;
using System.Text;
using FlashSaleUI.Core.Hosting;
using FlashSaleUI.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace FlashSaleUI.Core.Accounts;

/// <summary>Personal tokens for scripts: made (the secret shown once, its SHA-256 stored), listed without secrets,
/// revoked; and checked on each call in microseconds: a hash, then a lookup kept for <see cref="CheckTtl"/>, so a
/// revoked token or a disabled account stops working within that time on every instance. While PostgreSQL is
/// unreachable, a token confirmed within the last <see cref="OutageGrace"/> keeps working: the dashboards, scrapes and
/// scripts that watch an outage need their tokens most then (and no token can be revoked meanwhile: that needs the
/// database too).</summary>
public sealed class ApiTokens(IDbContextFactory<FlashSaleDbContext> contexts, TimeProvider clock) : IDisposable
{
    // bounded: tokens invented by callers are looked up (and remembered as unknown) at most this many at a time
    private readonly MemoryCache _checked = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    // the live tokens confirmed within OutageGrace, for when PostgreSQL cannot be asked (callers cannot fill this one)
    private readonly MemoryCache _confirmed = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public const string Prefix = "fsu_";
    public static readonly TimeSpan CheckTtl = TimeSpan.FromSeconds(5);
    public const int MaxDays = 365, DefaultDays = 90, MaxNameLength = 100;
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan OutageGrace = TimeSpan.FromMinutes(10);

    public async Task<(ApiTokenRow Token, string Secret)> CreateAsync(string userId, string name, int days, CancellationToken ct = default)
    {
        var secret = Prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var row = new ApiTokenRow
        {
            Id = Guid.CreateVersion7(), UserId = userId, Name = name, SecretHash = Hash(secret), CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return (row, secret);
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Revokes one of <paramref name="userId"/>'s tokens; false when it has none by that id.</summary>
    public async Task<bool> RevokeAsync(string userId, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.ApiTokens.Where(t => t.Id == id && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) == 1;
    }

    /// <summary>Whose token this is, if it is live: unexpired, unrevoked, its account enabled. Null otherwise.</summary>
    public async ValueTask<TokenHolder?> CheckAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Hash(secret);
        var key = Convert.ToHexString(hash);
        if (!_checked.TryGetValue(key, out TokenHolder? holder))
        {
            try
            {
                holder = await LookUpAsync(hash, ct);
            }
            catch (Exception e) when (DependencyOutage.IsPostgreSql(e)
                                      && _confirmed.TryGetValue(key, out TokenHolder? confirmed))
            {
                return confirmed!.ExpiresAt > clock.GetUtcNow() ? confirmed : null;
            }
            _checked.Set(key, holder, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CheckTtl, Size = 1 });
            if (holder is null) _confirmed.Remove(key);
            else _confirmed.Set(key, holder, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = OutageGrace, Size = 1 });
        }
        if (holder is null || holder.ExpiresAt <= clock.GetUtcNow()) return null;
        if (clock.GetUtcNow() - holder.LastUsedAt > LastUseResolution) await MarkUsedAsync(holder, ct);
        return holder;
    }

    private async Task<TokenHolder?> LookUpAsync(byte[] hash, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var found = await (
            from t in db.ApiTokens
            where t.SecretHash == hash && t.RevokedAt == null && t.ExpiresAt > now
            join u in db.Users on t.UserId equals u.Id
            where !u.Disabled
            select new
            {
                t.Id, UserId = u.Id, u.UserName, t.ExpiresAt, t.LastUsedAt,
                Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name)
                    .FirstOrDefault(),
            }).FirstOrDefaultAsync(ct);
        return found is null || !OperatorRoles.IsRole(found.Role) ? null
            : new TokenHolder(found.Id, found.UserId, found.UserName!, found.Role!, found.ExpiresAt,
                found.LastUsedAt ?? DateTimeOffset.MinValue);
    }

    private async Task MarkUsedAsync(TokenHolder holder, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        holder.LastUsedAt = now;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.ApiTokens.Where(t => t.Id == holder.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public void Dispose()
    {
        _checked.Dispose();
        _confirmed.Dispose();
    }
}

/// <summary>Who a live token acts for.</summary>
public sealed record TokenHolder(Guid TokenId, string UserId, string UserName, string Role, DateTimeOffset ExpiresAt,
    DateTimeOffset LastUsedAt)
{
    public DateTimeOffset LastUsedAt { get; set; } = LastUsedAt;
}
