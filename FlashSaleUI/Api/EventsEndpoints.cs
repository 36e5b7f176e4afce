using FlashSaleUI.Core.Events;
using FlashSaleUI.Security;

namespace FlashSaleUI.Api;

public static class EventsEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events");
        var operators = events.MapGroup("").RequireAuthorization(SecurityExtensions.OperatorPolicy);

        operators.MapPost("", async (HttpRequest request, EventService service, CancellationToken ct) =>
        {
            var (input, error) = await JsonBody.ReadAsync<NewEvent>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            var created = await service.CreateAsync(input!, ct);
            return created.Status switch
            {
                CreateEventStatus.Created => Results.Created($"/api/events/{created.Event!.Code}", created.Event),
                CreateEventStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                    title: "Event code exists", detail: created.Errors["code"][0]),
                _ => Results.ValidationProblem(created.Errors),
            };
        }).Produces<EventView>(StatusCodes.Status201Created)
          .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        operators.MapGet("", (EventService service, CancellationToken ct) => service.ListAsync(ct));

        events.MapGet("/{code}", async (string code, EventService service, CancellationToken ct) =>
            EventCode.TryParse(code, out var eventCode) && await service.GetAsync(eventCode, ct) is { } view
                ? Results.Ok(view)
                : NotFound(code))
            .Produces<EventView>().ProducesProblem(StatusCodes.Status404NotFound);

        operators.MapPost("/{code}/open", (string code, EventService service, CancellationToken ct) =>
            ChangeAsync(code, c => service.OpenAsync(c, ct))).Produces<EventView>();
        operators.MapPost("/{code}/close", (string code, EventService service, CancellationToken ct) =>
            ChangeAsync(code, c => service.CloseAsync(c, ct))).Produces<EventView>();
        return app;
    }

    private static async Task<IResult> ChangeAsync(string code, Func<EventCode, Task<EventView?>> change) =>
        EventCode.TryParse(code, out var eventCode) && await change(eventCode) is { } view ? Results.Ok(view) : NotFound(code);

    private static IResult NotFound(string code) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Event not found",
            detail: code.Length <= EventCode.MaxLength ? $"No event with code '{code}'." : "No such event.");
}
