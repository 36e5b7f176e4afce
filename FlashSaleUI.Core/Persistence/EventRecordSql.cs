using System.Text.Json;
using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Events;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

/// <summary>The SQL side of the event record's two write transactions (PostgresEventStore): its columns, parameters,
/// and the audit entry written in the same transaction.</summary>
internal static class EventRecordSql
{
    public const string Columns = "code, name, stock, opens_at, closes_at, closed_at, created_at, version";

    public static FlashSaleEvent Read(NpgsqlDataReader r) => new(EventCode.Parse(r.GetString(0)), r.GetString(1), r.GetInt32(2),
        Time(r, 3), Time(r, 4), Time(r, 5), new DateTimeOffset(r.GetDateTime(6), TimeSpan.Zero), r.GetInt64(7));

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(r.GetDateTime(i), TimeSpan.Zero);

    public static void AddRecord(NpgsqlCommand cmd, FlashSaleEvent sale)
    {
        cmd.Parameters.AddWithValue("name", sale.Name);
        cmd.Parameters.AddWithValue("stock", sale.Stock);
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("opens", sale.OpensAt));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("closes", sale.ClosesAt));
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("closed", sale.ClosedAt));
    }

    public static async Task AuditAsync(NpgsqlConnection conn, NpgsqlTransaction tx, AuditActor actor, string action,
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
}
