using FlashSaleUI.Core.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace FlashSaleUI.Tests.Unit;

public sealed class DependencyOutageTests
{
    [Fact]
    public void Redis_connection_failures_and_timeouts_are_Redis_outages_even_when_wrapped()
    {
        var lost = new RedisConnectionException(ConnectionFailureType.SocketClosed, CommandFlags.None, "socket closed", null,
            CommandStatus.Sent);
        Assert.Equal(DependencyOutage.Redis, DependencyOutage.Of(lost));
        var timedOut = new RedisTimeoutException(CommandFlags.None, "timed out", CommandStatus.Sent);
        Assert.Equal(DependencyOutage.Redis, DependencyOutage.Of(timedOut));
        Assert.Equal(DependencyOutage.Redis, DependencyOutage.Of(new InvalidOperationException("rendering failed", lost)));
        // restarted and still loading its data
        Assert.Equal(DependencyOutage.Redis, DependencyOutage.Of(
            new RedisServerException(RedisErrorKind.Loading, CommandFlags.None, "LOADING Redis is loading the dataset in memory")));
    }

    [Fact]
    public void A_PostgreSQL_connection_failure_is_an_outage_but_an_error_in_the_data_is_not()
    {
        var refused = new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111));
        Assert.Equal(DependencyOutage.PostgreSql, DependencyOutage.Of(refused));
        Assert.Null(DependencyOutage.Of(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
    }

    [Fact]
    public void Any_other_failure_is_not_an_outage()
    {
        Assert.Null(DependencyOutage.Of(new InvalidOperationException("a bug")));
        Assert.Null(DependencyOutage.Of(new RedisServerException(RedisErrorKind.UnknownCommand, CommandFlags.None, "ERR unknown command")));
    }
}
