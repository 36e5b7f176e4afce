using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Kafka;

/// <summary>Where Kafka is: the configured servers, or the embedded broker started on first use.</summary>
public sealed class KafkaBootstrap : IDisposable
{
    private readonly Lazy<(string Servers, KafkaMockCluster? Embedded, EmbeddedBrokerDoor? Door)> _resolved;

    public KafkaBootstrap(IOptions<KafkaOptions> options, Microsoft.Extensions.Hosting.IHostEnvironment environment,
        Microsoft.Extensions.Logging.ILogger<KafkaBootstrap> log)
    {
        NativeKafka.EnsureLoaded();
        _resolved = new(() =>
        {
            var o = options.Value;
            if (!string.IsNullOrWhiteSpace(o.BootstrapServers)) return (o.BootstrapServers, null, null);
            if (!o.Embedded && !Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(environment))
                throw new InvalidOperationException("Kafka__BootstrapServers is not set. Point it at your Kafka brokers, or set " +
                    "Kafka__Embedded=true to run the in-memory development broker (data is lost when the app stops).");
            var cluster = new KafkaMockCluster(brokers: 1);
            cluster.CreateTopic(o.Topic, o.EmbeddedPartitions);
            cluster.CreateTopic(o.DeadLetterTopic, 1);
            var door = o.EmbeddedPort > 0 ? EmbeddedBrokerDoor.TryOpen(o.EmbeddedPort, cluster.BootstrapServers) : null;
            if (o.EmbeddedPort > 0 && door is null)
                log.LogWarning("Kafka: port {Port} is taken, so the embedded broker has no fixed address; use {Servers}",
                    o.EmbeddedPort, cluster.BootstrapServers);
            log.LogWarning(
                "Kafka: EMBEDDED in-memory broker (librdkafka mock cluster) at {Address}{Door}; topics {Topic} ({Partitions} " +
                "partitions) and {Dlq}. Data is lost when the app stops: set Kafka__BootstrapServers for a real broker.",
                door?.Address ?? cluster.BootstrapServers, door is null ? "" : $" (passed through to {cluster.BootstrapServers})",
                o.Topic, o.EmbeddedPartitions, o.DeadLetterTopic);
            return (cluster.BootstrapServers, cluster, door);
        });
    }

    public string Servers => _resolved.Value.Servers;
    /// <summary>Where tools outside the app reach Kafka: the embedded broker's fixed address if it has one, else
    /// <see cref="Servers"/>.</summary>
    public string ToolAddress => _resolved.Value.Door?.Address ?? Servers;
    public KafkaMockCluster? Embedded => _resolved.Value.Embedded;

    public void Dispose()
    {
        if (!_resolved.IsValueCreated) return;
        _resolved.Value.Door?.Dispose();
        _resolved.Value.Embedded?.Dispose();
    }
}
