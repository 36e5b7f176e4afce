using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace FlashSaleUI.Core;

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), ct);
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception e) { return HealthCheckResult.Unhealthy("Redis unreachable", e); }
    }
}

internal sealed class PostgresHealthCheck(NpgsqlDataSource db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var cmd = db.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) { return HealthCheckResult.Unhealthy("PostgreSQL unreachable", e); }
    }
}

internal sealed class KafkaHealthCheck(FlashSaleUI.Core.Kafka.KafkaClients kafka) : IHealthCheck, IDisposable
{
    private readonly Lazy<Confluent.Kafka.IAdminClient> _admin = new(kafka.CreateAdmin);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            // GetMetadata blocks; a broker that is down answers with an error or not at all within the timeout
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(kafka.Options.Topic, TimeSpan.FromSeconds(2)), ct);
            var topic = metadata.Topics.FirstOrDefault();
            if (metadata.Brokers.Count == 0 || topic is null || topic.Error.IsError)
                return HealthCheckResult.Unhealthy($"Kafka topic {kafka.Options.Topic} unavailable: {topic?.Error.Reason ?? "no brokers"}");
            return HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s), {topic.Partitions.Count} partitions");
        }
        catch (Exception e) { return HealthCheckResult.Unhealthy("Kafka unreachable", e); }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated) _admin.Value.Dispose();
    }
}
