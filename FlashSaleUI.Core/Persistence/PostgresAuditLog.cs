using FlashSaleUI.Core.Audit;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

public sealed class PostgresAuditLog(NpgsqlDataSource db) : IAuditLog
{
    public const int MaxLimit = 500;

    public async Task RecordAsync(AuditActor actor, string action, string? eventCode, string? detail, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(InsertSql);
        AddParameters(cmd, actor, action, eventCode, null, null, detail);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? eventCode, int limit, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, at, actor, address, action, event_code, before::text, after::text, detail, actor_id, via, token_id
            FROM audit_log
            WHERE @code::text IS NULL OR event_code = @code ORDER BY id DESC LIMIT @limit
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string?>("code", eventCode));
        cmd.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, MaxLimit));
        var entries = new List<AuditEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            entries.Add(new AuditEntry(reader.GetInt64(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero),
                reader.GetString(2), Text(reader, 3), reader.GetString(4), Text(reader, 5), Text(reader, 6), Text(reader, 7),
                Text(reader, 8), Text(reader, 9), Text(reader, 10), reader.IsDBNull(11) ? null : reader.GetGuid(11)));
        return entries;
    }

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

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
