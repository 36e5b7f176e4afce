namespace FlashSaleUI.Api;

/// <summary>GET /api/pipeline: this instance's pipeline counters and last errors, and the open dead letters. Kafka is
/// "embedded" or "external"; KafkaBootstrap is where tools such as kcat reach it.</summary>
public sealed record PipelineStatus(
    string Kafka,
    string KafkaBootstrap,
    long Relayed,
    long RelayFailures,
    long RelayBacklog,
    long Persisted,
    long DeadLettered,
    long OpenDeadLetters,
    long Requeued,
    string? LastRelayError,
    DateTimeOffset? LastRelayErrorAt,
    string? LastSinkError,
    DateTimeOffset? LastSinkErrorAt,
    long RelayRestarts,
    long SinkRestarts,
    long LiveStateRepairs,
    LiveStateRepair? LastLiveStateRepair);
