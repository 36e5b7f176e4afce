using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

/// <summary>audit_log: through EF Core, except the entries written in the event record's transaction.</summary>
public sealed class PostgresAuditLog(IDbContextFactory<FlashSaleDbContext> contexts) : IAuditLog
{
    public const int MaxLimit = 500;

    public async Task RecordAsync(AuditActor actor, string action, string? eventCode, string? detail, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditLog.Add(Row(actor, action, eventCode, null, null, detail));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? eventCode, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var take = Math.Clamp(limit, 1, MaxLimit);
        var entries = new List<AuditEntry>(take);
        var rows = eventCode is null ? Latest(db, take) : LatestOf(db, eventCode, take);
        await foreach (var entry in rows.WithCancellation(ct)) entries.Add(entry);
        return entries;
    }

    // compiled once: a sale's audit is read on every dashboard visit
    private static readonly Func<FlashSaleDbContext, string, int, IAsyncEnumerable<AuditEntry>> LatestOf = EF.CompileAsyncQuery(
        (FlashSaleDbContext db, string code, int take) => db.AuditLog.AsNoTracking().Where(a => a.EventCode == code)
            .OrderByDescending(a => a.Id).Take(take).Select(a => new AuditEntry(a.Id, a.At, a.Actor, a.Address, a.Action,
                a.EventCode, a.Before, a.After, a.Detail, a.ActorId, a.Via, a.TokenId)));
    private static readonly Func<FlashSaleDbContext, int, IAsyncEnumerable<AuditEntry>> Latest = EF.CompileAsyncQuery(
        (FlashSaleDbContext db, int take) => db.AuditLog.AsNoTracking()
            .OrderByDescending(a => a.Id).Take(take).Select(a => new AuditEntry(a.Id, a.At, a.Actor, a.Address, a.Action,
                a.EventCode, a.Before, a.After, a.Detail, a.ActorId, a.Via, a.TokenId)));

    /// <summary>A new entry, to add to a context: it commits with the change it records; its time is the database's now().</summary>
    internal static AuditRow Row(AuditActor actor, string action, string? eventCode, string? before, string? after,
        string? detail) => new()
    {
        Actor = actor.Name,
        ActorId = actor.AccountId,
        Via = actor.Via,
        TokenId = actor.TokenId,
        Address = actor.Address,
        Action = action,
        EventCode = eventCode,
        Before = before,
        After = after,
        Detail = detail?.Replace("\0", ""), // PostgreSQL text cannot hold NUL
    };

    /// <summary>An entry written inside the event record's own transaction (PostgresEventStore).</summary>
    internal const string InsertSql = """
        INSERT INTO audit_log (actor, actor_id, via, token_id, address, action, event_code, before, after, detail)
        VALUES (@actor, @actorId, @via, @tokenId, @address, @action, @event, @before::jsonb, @after::jsonb, @detail)
        """;

    internal static void AddParameters(NpgsqlCommand cmd, AuditActor actor, string action, string? eventCode, string? before,
        string? after, string? detail)
    {
        cmd.Parameters.AddWithValue("actor", actor.Name);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("actorId", actor.AccountId));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("via", actor.Via));
        cmd.Parameters.Add(new NpgsqlParameter<Guid?>("tokenId", actor.TokenId));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("address", actor.Address));
        cmd.Parameters.AddWithValue("action", action);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("event", eventCode));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("before", before));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("after", after));
        cmd.Parameters.Add(new NpgsqlParameter<string?>("detail", detail?.Replace("\0", "")));
    }
}
