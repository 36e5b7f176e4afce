using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlashSaleUI.Core.Kafka;

internal sealed class KafkaHealthCheck(KafkaClients kafka) : IHealthCheck, IDisposable
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
