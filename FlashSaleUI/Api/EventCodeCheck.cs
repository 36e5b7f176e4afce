namespace FlashSaleUI.Api;

/// <summary>The one check of a route's <c>{code}</c>: on every endpoint it is applied to, an invalid event code is
/// answered before the handler runs, with one answer everywhere (400 problem details naming <c>code</c>), except the
/// public event read, whose published contract answers any code that names no sale with 404. Handlers then read the
/// code with <see cref="From"/>, which cannot fail.</summary>
public static class EventCodeCheck
{
    public static TBuilder ChecksEventCode<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) =>
            IsInvalid(context) ? ValueTask.FromResult<object?>(ApiProblems.InvalidEventCode()) : next(context));

    /// <summary>For the public event read: a code that cannot name a sale is a sale that does not exist (404).</summary>
    public static TBuilder ChecksEventCodeAsNotFound<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) => IsInvalid(context)
            ? ValueTask.FromResult<object?>(ApiProblems.EventNotFound(context.HttpContext.Request.RouteValues["code"] as string ?? ""))
            : next(context));

    /// <summary>The route's code, already checked by <see cref="ChecksEventCode{TBuilder}"/>.</summary>
    public static EventCode From(string code) => EventCode.Parse(code);

    private static bool IsInvalid(EndpointFilterInvocationContext context) =>
        context.HttpContext.Request.RouteValues.TryGetValue("code", out var raw) && !EventCode.TryParse(raw as string, out _);
}
