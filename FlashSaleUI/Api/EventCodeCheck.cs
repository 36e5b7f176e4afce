namespace FlashSaleUI.Api;

/// <summary>The one check of a route's <c>{code}</c>: on every endpoint it is applied to, an invalid event code is
/// answered before the handler runs, with one answer everywhere (400 problem details naming <c>code</c>). Handlers
/// then read the code with <see cref="From"/>, which cannot fail.</summary>
public static class EventCodeCheck
{
    public static TBuilder ChecksEventCode<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) =>
            context.HttpContext.Request.RouteValues.TryGetValue("code", out var raw) && !EventCode.TryParse(raw as string, out _)
                ? ValueTask.FromResult<object?>(ApiProblems.InvalidEventCode())
                : next(context));

    /// <summary>The route's code, already checked by <see cref="ChecksEventCode{TBuilder}"/>.</summary>
    public static EventCode From(string code) => EventCode.Parse(code);
}
