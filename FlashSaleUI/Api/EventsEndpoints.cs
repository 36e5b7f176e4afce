using EventChangeResults = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<FlashSaleUI.Core.Events.EventView>,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>;

namespace FlashSaleUI.Api;

public static class EventsEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events");
        var operators = events.MapGroup("").RequireAuthorization(OperatorSecurity.OperatorPolicy).ChecksEventCode();
        var viewers = events.MapGroup("").RequireAuthorization(OperatorSecurity.ViewerPolicy).ChecksEventCode();

        operators.MapPost("", CreateAsync);
        viewers.MapGet("", ListAsync);
        events.MapGet("/{code}", GetAsync).ChecksEventCodeAsNotFound().Produces<EventView>().Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        operators.MapPatch("/{code}", EditAsync);
        operators.MapPost("/{code}/open", OpenAsync);
        operators.MapPost("/{code}/close", CloseAsync);
        operators.MapPost("/{code}/cancel", CancelAsync);
        operators.MapPost("/{code}/stock", TopUpAsync);
        operators.MapGet("/{code}/audit", AuditAsync);
        return app;
    }

    public static async Task<Results<Created<EventView>, ProblemHttpResult, ValidationProblem>> CreateAsync(HttpRequest request,
        EventCommands service, CancellationToken ct)
    {
        var (input, error) = await JsonBody.ReadAsync<NewEvent>(request, MaxBodyBytes, ct);
        if (error is not null) return error;
        var created = await service.CreateAsync(input!, OperatorActor.Of(request.HttpContext), ct);
        return created.Status switch
        {
            CreateEventStatus.Created => TypedResults.Created($"/api/events/{created.Event!.Code}", created.Event),
            CreateEventStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Event code exists", detail: created.Errors["code"][0]),
            _ => TypedResults.ValidationProblem(created.Errors),
        };
    }

    public static async Task<Ok<IReadOnlyList<EventView>>> ListAsync(EventReads service, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(ct));

    public static Task<EventChangeResults> OpenAsync(string code, EventCommands service, HttpContext http, CancellationToken ct) =>
        ChangeAsync(code, c => service.OpenAsync(c, OperatorActor.Of(http), ct));

    public static Task<EventChangeResults> CloseAsync(string code, EventCommands service, HttpContext http, CancellationToken ct) =>
        ChangeAsync(code, c => service.CloseAsync(c, OperatorActor.Of(http), ct));

    public static Task<EventChangeResults> CancelAsync(string code, EventCommands service, HttpContext http, CancellationToken ct) =>
        ChangeAsync(code, c => service.CancelAsync(c, OperatorActor.Of(http), ct));

    /// <summary>The public event read: anyone, cacheable for a second (see PublicCaching).</summary>
    public static async Task<IResult> GetAsync(string code, EventReads service, HttpContext http) =>
        await service.GetSharedAsync(EventCodeCheck.From(code)) is { } view
            ? PublicCaching.Event(view, http)
            : ApiProblems.EventNotFound(code);

    public static async Task<EventChangeResults> EditAsync(string code, HttpRequest request, EventCommands service, CancellationToken ct)
    {
        var (edit, error) = await JsonBody.ReadAsync<EventEdit>(request, MaxBodyBytes, ct);
        if (error is not null) return error;
        return await ChangeAsync(code, c => service.EditAsync(c, edit!, OperatorActor.Of(request.HttpContext), ct));
    }

    public static async Task<EventChangeResults> TopUpAsync(string code, HttpRequest request, EventCommands service, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<TopUpRequest>(request, MaxBodyBytes, ct);
        if (error is not null) return error;
        if (body!.Add is not { } add)
            return ApiProblems.Invalid("add", "How much stock to add is required.");
        return await ChangeAsync(code, c => service.TopUpAsync(c, add, OperatorActor.Of(request.HttpContext), ct));
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> AuditAsync(string code, int? limit,
        IAuditLog audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(EventCodeCheck.From(code).Value, limit ?? 100, ct));

    private static async Task<EventChangeResults> ChangeAsync(string code, Func<EventCode, Task<EventChangeResult>> change)
    {
        var result = await change(EventCodeCheck.From(code));
        return result.Status switch
        {
            EventChangeStatus.Changed => TypedResults.Ok(result.Event!),
            EventChangeStatus.Invalid => TypedResults.ValidationProblem(result.Errors),
            EventChangeStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Not allowed in this state", detail: result.Errors["state"][0]),
            _ => ApiProblems.EventNotFound(code),
        };
    }
}
