using Npgsql;

namespace FlashSaleUI.Core.Persistence;

/// <summary>Start-up work that exactly one instance may do at a time, however many start together on one database:
/// a PostgreSQL advisory lock held on one connection while the work runs; the others wait, then find it done.</summary>
public sealed class DatabaseLock(NpgsqlDataSource db)
{
    /// <summary>The schema's migrations.</summary>
    public const long Migrations = 0x466C61736853616C; // "FlashSal"
    /// <summary>The operator roles and the first admin.</summary>
    public const long FirstAdmin = Migrations + 1;

    /// <param name="work">runs under the lock, given the lock's own connection</param>
    public async Task RunAsync(long key, Func<NpgsqlConnection, CancellationToken, Task> work, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", conn))
            await take.ExecuteNonQueryAsync(ct);
        try { await work(conn, ct); }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({key})", conn);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
