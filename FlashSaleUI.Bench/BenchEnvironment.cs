using FlashSaleUI.Core.Hosting;
using FlashSaleUI.Core.Kafka;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace FlashSaleUI.Bench;

/// <summary>The servers bench.sh started: Redis and PostgreSQL as for ./run.sh, Kafka embedded per scenario.</summary>
public sealed class BenchEnvironment
{
    public string Redis { get; } = Need("FLASHSALE_BENCH_REDIS");
    public string PostgresAdmin { get; } = Need("FLASHSALE_BENCH_POSTGRES");

    /// <summary>A clean stage for one scenario: an empty Redis database, a new PostgreSQL database, a new embedded
    /// Kafka with the given partitions, and an app instance (Core + pipeline) on them.</summary>
    public async Task<Stage> StageAsync(int partitions, IDictionary<string, string?>? settings = null)
    {
        await FlushRedisAsync();
        var database = "bench_" + Guid.NewGuid().ToString("N")[..10];
        await using (var conn = new NpgsqlConnection(PostgresAdmin))
        {
            await conn.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", conn).ExecuteNonQueryAsync();
        }
        NativeKafka.EnsureLoaded();
        var kafka = new KafkaMockCluster(brokers: 1);
        kafka.CreateTopic("coupon-issued", partitions);
        kafka.CreateTopic("coupon-issued.dlq", 1);
        var postgres = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = database, MaxPoolSize = 50 }.ConnectionString;
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = Redis,
            ["ConnectionStrings:Postgres"] = postgres,
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Pipeline:ReconcilerEnabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        return new Stage(await CoreHost.StartAsync(config), kafka, postgres, config);
    }

    /// <summary>Every suite starts from an empty Redis: an app instance relays every outbox it finds, so one suite's
    /// leftovers would be another suite's background load.</summary>
    public async Task FlushRedisAsync()
    {
        using var admin = RedisConnector.Connect(Redis + ",allowAdmin=true");
        await admin.GetServer(admin.GetEndPoints()[0]).FlushDatabaseAsync(0);
    }

    private static string Need(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
        ? v : throw new InvalidOperationException($"{name} is not set: run ./bench.sh");
}

public sealed class Stage(IHost host, KafkaMockCluster kafka, string postgres, Dictionary<string, string?> config) : IAsyncDisposable
{
    public IHost Host { get; } = host;
    public KafkaMockCluster Kafka { get; } = kafka;
    public string Postgres { get; } = postgres;
    public T Get<T>() where T : notnull => (T)Host.Services.GetService(typeof(T))!;

    /// <summary>A second app instance on the same servers (e.g. a sink started later).</summary>
    public Task<IHost> StartInstanceAsync(IDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(config);
        foreach (var (key, value) in overrides) settings[key] = value;
        return CoreHost.StartAsync(settings);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Postgres);
        await conn.OpenAsync();
        return Convert.ToInt64(await new NpgsqlCommand(sql, conn).ExecuteScalarAsync());
    }

    public async Task<double[]> DoublesAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Postgres);
        await conn.OpenAsync();
        return (double[])(await new NpgsqlCommand(sql, conn).ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        Kafka.Dispose();
    }
}
