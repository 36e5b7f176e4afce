using System.ComponentModel.DataAnnotations;

namespace FlashSaleUI.Core.Kafka;

/// <summary>The "Kafka" configuration section. Unset BootstrapServers means: run the embedded broker.</summary>
public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    public string? BootstrapServers { get; set; }
    /// <summary>Allows the embedded in-memory broker outside Development when BootstrapServers is unset (./run.sh
    /// sets it). In production a missing Kafka setting must fail the start, never silently mean "in memory".</summary>
    public bool Embedded { get; set; }
    public string Topic { get; set; } = "coupon-issued";
    public string DeadLetterTopic { get; set; } = "coupon-issued.dlq";
    public string SinkGroup { get; set; } = "flashsale-sink";
    /// <summary>The fixed loopback port where tools outside the app (kcat, scripts) reach the embedded broker, whose own
    /// port is random; 0 for none. Taken already (a real Kafka there): a warning, and no fixed address.</summary>
    [Range(0, 65_535)]
    public int EmbeddedPort { get; set; } = 9092;
    /// <summary>Partitions of the topic when the embedded broker creates it (docker-compose creates 6).</summary>
    [Range(1, 1_000)]
    public int EmbeddedPartitions { get; set; } = 3;
    /// <summary>How long the producer keeps trying one message before reporting Local_MsgTimedOut; the relay then
    /// retries the entry itself, so nothing is dropped either way.</summary>
    [Range(1_000, 3_600_000)]
    public int MessageTimeoutMs { get; set; } = 30_000;
    [Range(1_000, 3_600_000)]
    public int SessionTimeoutMs { get; set; } = 10_000;
    /// <summary>A sink stuck longer than this between polls leaves the group; it then rejoins with a new consumer and
    /// re-reads from its last commit. A batch waiting for PostgreSQL does not count: the consumer polls meanwhile.</summary>
    [Range(1_000, 86_400_000)]
    public int MaxPollIntervalMs { get; set; } = 300_000;
}
