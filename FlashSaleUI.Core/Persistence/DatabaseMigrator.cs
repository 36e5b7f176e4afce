using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlashSaleUI.Core.Persistence;

/// <summary>Brings the schema up to date with EF Core's migrations (Persistence/Migrations), once however many
/// instances start together: a PostgreSQL advisory lock lets one migrate while the others wait, then find nothing
/// pending. A database made by the SQL files this project used before EF Core owned the schema is adopted: what
/// those files made is recorded as the matching migrations, so nothing is created twice.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<FlashSaleDbContext> contexts, DatabaseLock exclusive,
    ILogger<DatabaseMigrator> log)
{
    // the SQL files' last versions and the migrations that make the same schema (in order)
    private static readonly string[] SqlEraVersions = ["0006_persisted_within_stock", "0007_member_ids_from_providers"];

    public Task MigrateAsync(CancellationToken ct = default) => exclusive.RunAsync(DatabaseLock.Migrations, async (conn, ct) =>
    {
        await using var context = await contexts.CreateDbContextAsync(ct);
        await AdoptSqlEraDatabaseAsync(conn, context, ct);
        // Npgsql's history repository finds out that the table is missing by querying it, which logs a failed
        // command as an error on every empty database (npgsql/efcore.pg#3407): make it first
        await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        var pending = (await context.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0) return;
        await context.Database.MigrateAsync(ct);
        log.LogInformation("Applied schema migrations: {Migrations}", string.Join(", ", pending));
    }, ct);

    private async Task AdoptSqlEraDatabaseAsync(NpgsqlConnection conn, FlashSaleDbContext context, CancellationToken ct)
    {
        if (await ScalarAsync(conn, "SELECT to_regclass('schema_migrations') IS NOT NULL", ct) is not true
            || await ScalarAsync(conn, "SELECT to_regclass('\"__EFMigrationsHistory\"') IS NOT NULL", ct) is true)
            return;
        var applied = new HashSet<string>();
        await using (var cmd = new NpgsqlCommand("SELECT version FROM schema_migrations", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        if (!applied.Contains(SqlEraVersions[0]))
            throw new InvalidOperationException("This database's schema predates 0006_persisted_within_stock: start the previous " +
                "release once to bring it there, then this one.");
        var migrations = context.Database.GetMigrations().ToList();
        await ExecAsync(conn, """
            CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL)
            """, ct);
        for (var i = 0; i < SqlEraVersions.Length && applied.Contains(SqlEraVersions[i]); i++)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES (@id, @version)", conn);
            insert.Parameters.AddWithValue("id", migrations[i]);
            insert.Parameters.AddWithValue("version", typeof(DbContext).Assembly.GetName().Version!.ToString(3));
            await insert.ExecuteNonQueryAsync(ct);
            log.LogInformation("Adopted the SQL-era schema {Version} as migration {Migration}", SqlEraVersions[i], migrations[i]);
        }
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync(ct);
    }
}
