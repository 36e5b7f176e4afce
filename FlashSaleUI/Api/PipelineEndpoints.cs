using FlashSaleUI.Core.Kafka;
using FlashSaleUI.Core.Pipeline;

namespace FlashSaleUI.Api;

public static class PipelineEndpoints
{
    /// <summary>Operator views of the Kafka -> PostgreSQL pipeline: counters, dead letters and their replay, and an
    /// on-demand reconciliation of one event.</summary>
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        var status = app.MapGroup("/api/pipeline").WithTags("Pipeline");
        var pipeline = status.MapGroup("").RequireAuthorization(OperatorSecurity.OperatorPolicy);

        status.MapGet("", StatusAsync).RequireAuthorization(OperatorSecurity.ViewerPolicy);
        pipeline.MapGet("/dead-letters", DeadLettersAsync);
        pipeline.MapPost("/dead-letters/{id:long}/replay", ReplayAsync);
        pipeline.MapPost("/reconcile/{code}", ReconcileAsync).ChecksEventCode();
        return app;
    }

    public static async Task<Ok<PipelineStatus>> StatusAsync(PipelineMetrics metrics, DeadLetterService deadLetters,
        KafkaBootstrap kafka, LiveStateGuard liveState, CancellationToken ct) =>
        TypedResults.Ok(new PipelineStatus(kafka.Embedded is null ? "external" : "embedded", kafka.ToolAddress, metrics.Relayed,
            metrics.RelayFailures, metrics.RelayBacklog, metrics.Persisted, metrics.DeadLettered,
            await deadLetters.CountOpenOrUnknownAsync(ct), metrics.Requeued,
            metrics.LastRelayError, metrics.LastRelayErrorAt, metrics.LastSinkError, metrics.LastSinkErrorAt, metrics.RelayRestarts,
            metrics.SinkRestarts, liveState.RepairCount, liveState.LastRepair, metrics.SinkLag));

    public static async Task<Ok<IReadOnlyList<DeadLetterView>>> DeadLettersAsync(DeadLetterService deadLetters, int? limit,
        CancellationToken ct) =>
        TypedResults.Ok(await deadLetters.ListAsync(limit ?? 100, ct));

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
        var eventCode = EventCodeCheck.From(code);
        if (await reconciler.CheckAsync(eventCode, repair: true, ct) is not { } report) return ApiProblems.EventNotFound(code);
        await audit.RecordAsync(OperatorActor.Of(http), AuditAction.Reconcile, eventCode.Value,
            $"issued {report.Issued:N0}, stored {report.Persisted:N0}, re-enqueued {report.Requeued:N0}", ct);
        return TypedResults.Ok(report);
    }
}
