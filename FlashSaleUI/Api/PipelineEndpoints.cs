using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Kafka;
using FlashSaleUI.Core.Pipeline;
using FlashSaleUI.Security;

namespace FlashSaleUI.Api;

public static class PipelineEndpoints
{
    /// <summary>Operator views of the Kafka -> PostgreSQL pipeline: counters, dead letters and their replay, and an
    /// on-demand reconciliation of one event.</summary>
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        var pipeline = app.MapGroup("/api/pipeline").WithTags("Pipeline").RequireAuthorization(SecurityExtensions.OperatorPolicy);

        pipeline.MapGet("", async (PipelineMetrics metrics, DeadLetterService deadLetters, KafkaBootstrap kafka, LiveStateGuard liveState,
            CancellationToken ct) => new
        {
            kafka = kafka.Embedded is null ? "external" : "embedded",
            relayed = metrics.Relayed,
            relayFailures = metrics.RelayFailures,
            relayBacklog = metrics.RelayBacklog,
            persisted = metrics.Persisted,
            deadLettered = metrics.DeadLettered,
            openDeadLetters = await deadLetters.CountOpenAsync(ct),
            requeued = metrics.Requeued,
            lastRelayError = metrics.LastRelayError,
            lastRelayErrorAt = metrics.LastRelayErrorAt,
            lastSinkError = metrics.LastSinkError,
            lastSinkErrorAt = metrics.LastSinkErrorAt,
            relayRestarts = metrics.RelayRestarts,
            sinkRestarts = metrics.SinkRestarts,
            liveStateRepairs = liveState.RepairCount,
            lastLiveStateRepair = liveState.LastRepair,
        });

        pipeline.MapGet("/dead-letters", (DeadLetterService deadLetters, int? limit, CancellationToken ct) =>
            deadLetters.ListAsync(limit ?? 100, ct));

        pipeline.MapPost("/dead-letters/{id:long}/replay", async (long id, DeadLetterService deadLetters, CancellationToken ct) =>
            await deadLetters.ReplayAsync(id, ct)
                ? Results.Accepted()
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter, or already replayed"));

        pipeline.MapPost("/reconcile/{code}", async (string code, Reconciler reconciler, CancellationToken ct) =>
            EventCode.TryParse(code, out var eventCode) && await reconciler.CheckAsync(eventCode, repair: true, ct) is { } report
                ? Results.Ok(report)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Event not found"));
        return app;
    }
}
