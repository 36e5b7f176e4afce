namespace FlashSaleUI.Api;

/// <summary>GET /api/pipeline: this instance's pipeline counters and last errors, and the open dead letters. Kafka is
/// "embedded" or "external"; KafkaBootstrap is where tools such as kcat reach it. SinkLag: per partition this instance's
/// sink owns, messages in Kafka not yet stored. OpenDeadLetters is null while PostgreSQL is unreachable: the rest is
/// this instance's own and still answers, when it matters most.</summary>
public sealed record PipelineStatus(
    string Kafka,
    string KafkaBootstrap,
    long Relayed,
    long RelayFailures,
    long RelayBacklog,
    long Persisted,
    long DeadLettered,
    long? OpenDeadLetters,
    long Requeued,
    string? LastRelayError,
    DateTimeOffset? LastRelayErrorAt,
    string? LastSinkError,
    DateTimeOffset? LastSinkErrorAt,
    long RelayRestarts,
    long SinkRestarts,
    long LiveStateRepairs,
    LiveStateRepair? LastLiveStateRepair,
    IReadOnlyDictionary<int, long> SinkLag);
