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
