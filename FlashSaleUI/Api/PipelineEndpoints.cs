using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Kafka;
using FlashSaleUI.Core.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

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

        pipeline.MapPost("/dead-letters/{id:long}/replay", ReplayAsync);
        pipeline.MapPost("/reconcile/{code}", ReconcileAsync);
        return app;
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> ReplayAsync(long id, DeadLetterService deadLetters, IAuditLog audit,
        HttpContext http, CancellationToken ct)
    {
        if (!await deadLetters.ReplayAsync(id, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such dead letter, or already replayed");
        await audit.RecordAsync(OperatorActor.Of(http), AuditAction.Replay, null, $"dead letter {id}", ct);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Ok<ReconcileReport>, ProblemHttpResult>> ReconcileAsync(string code, Reconciler reconciler,
        IAuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (!EventCode.TryParse(code, out var eventCode) || await reconciler.CheckAsync(eventCode, repair: true, ct) is not { } report)
            return ApiProblems.EventNotFound(code);
        await audit.RecordAsync(OperatorActor.Of(http), AuditAction.Reconcile, eventCode.Value,
            $"issued {report.Issued:N0}, stored {report.Persisted:N0}, re-enqueued {report.Requeued:N0}", ct);
        return TypedResults.Ok(report);
    }
}
