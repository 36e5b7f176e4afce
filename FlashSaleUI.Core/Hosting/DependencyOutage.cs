using Npgsql;
using StackExchange.Redis;

namespace FlashSaleUI.Core.Hosting;

/// <summary>Tells a request that failed because a server it needs is not answering (worth a 503 and a retry) from one
/// that failed for any other reason (a 500: a bug to look at).</summary>
public static class DependencyOutage
{
    public const string Redis = "Redis", PostgreSql = "PostgreSQL";

    /// <summary>The server whose outage <paramref name="error"/> (or an exception it wraps) reports, or null.</summary>
    public static string? Of(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RedisConnectionException or RedisTimeoutException:
                // answers of a Redis that is there but cannot serve now: restarting (LOADING), failing over, busy
                case RedisServerException { Kind: RedisErrorKind.Loading or RedisErrorKind.Busy or RedisErrorKind.MasterDown
                    or RedisErrorKind.ClusterDown or RedisErrorKind.TryAgain or RedisErrorKind.ReadOnly or RedisErrorKind.MaxClients
                    or RedisErrorKind.OutOfMemory }:
                    return Redis;
                // refused connections, timeouts, a server shutting down; not errors in the data or the SQL
                case NpgsqlException { IsTransient: true }:
                    return PostgreSql;
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="error"/> says PostgreSQL is unreachable: what a read falls back on.</summary>
    public static bool IsPostgreSql(Exception error) => Of(error) == PostgreSql;
}
