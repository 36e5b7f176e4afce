using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Kafka;

/// <summary>The one place that configures Kafka clients.</summary>
public sealed class KafkaClients(IOptions<KafkaOptions> options, KafkaBootstrap bootstrap)
{
    public KafkaOptions Options => options.Value;

    /// <summary>Idempotent, acks=all: a retried send cannot duplicate or reorder within a partition.</summary>
    public IProducer<string, string> CreateProducer(string clientId) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap.Servers,
            ClientId = clientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 2,
            BatchNumMessages = 10_000,
            MessageTimeoutMs = Options.MessageTimeoutMs,
            CompressionType = CompressionType.Lz4,
        }).Build();

    /// <summary>Manual commits only, after the database commit; nothing stored automatically.</summary>
    public IConsumer<string, string> CreateConsumer(string groupId, string clientId) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap.Servers,
            GroupId = groupId,
            ClientId = clientId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = Options.SessionTimeoutMs,
            MaxPollIntervalMs = Options.MaxPollIntervalMs,
            FetchWaitMaxMs = 20,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
        }).Build();

    public IAdminClient CreateAdmin() =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap.Servers }).Build();
}

/// <summary>Where Kafka is: the configured servers, or the embedded broker started on first use.</summary>
public sealed class KafkaBootstrap : IDisposable
{
    private readonly Lazy<(string Servers, KafkaMockCluster? Embedded)> _resolved;

    public KafkaBootstrap(IOptions<KafkaOptions> options, Microsoft.Extensions.Hosting.IHostEnvironment environment,
        Microsoft.Extensions.Logging.ILogger<KafkaBootstrap> log)
    {
        NativeKafka.EnsureLoaded();
        _resolved = new(() =>
        {
            var o = options.Value;
            if (!string.IsNullOrWhiteSpace(o.BootstrapServers)) return (o.BootstrapServers, null);
            if (!o.Embedded && !Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(environment))
                throw new InvalidOperationException("Kafka__BootstrapServers is not set. Point it at your Kafka brokers, or set " +
                    "Kafka__Embedded=true to run the in-memory development broker (data is lost when the app stops).");
            var cluster = new KafkaMockCluster(brokers: 1);
            cluster.CreateTopic(o.Topic, o.EmbeddedPartitions);
            cluster.CreateTopic(o.DeadLetterTopic, 1);
            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(log,
                "Kafka: EMBEDDED in-memory broker (librdkafka mock cluster) at {Servers}; topics {Topic} ({Partitions} partitions) and {Dlq}. " +
                "Data is lost when the app stops: set Kafka__BootstrapServers for a real broker.",
                cluster.BootstrapServers, o.Topic, o.EmbeddedPartitions, o.DeadLetterTopic);
            return (cluster.BootstrapServers, cluster);
        });
    }

    public string Servers => _resolved.Value.Servers;
    public KafkaMockCluster? Embedded => _resolved.Value.Embedded;

    public void Dispose()
    {
        if (_resolved.IsValueCreated) _resolved.Value.Embedded?.Dispose();
    }
}
