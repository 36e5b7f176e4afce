namespace FlashSaleUI.Api;

public static class ClaimsEndpoints
{
    public const string Pattern = "/api/events/{code}/claims";
    private const int MaxBodyBytes = 1024;

    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Pattern, ClaimAsync).ChecksEventCode().RequireRateLimiting(ClaimRateLimiting.ByAddressPolicy).WithTags("Claims");
        return app;
    }

    /// <summary>./bench.sh http's baseline, the claim path with the ticket check left out (the member named by an
    /// X-Bench-Member header): mapped only in the "Benchmark" environment, which nothing but the benchmark sets. It is
    /// what the ticket's cost is measured against (docs/BENCHMARKS.md).</summary>
    public static IEndpointRouteBuilder MapUncheckedClaimsForBenchmarks(this WebApplication app)
    {
        if (!app.Environment.IsEnvironment("Benchmark")) return app;
        app.Logger.LogWarning("Benchmark environment: POST /bench/unchecked-claims/{{code}} takes claims without tickets");
        app.MapPost("/bench/unchecked-claims/{code}", async (string code, HttpContext http, MemberClaims claims, CancellationToken ct) =>
            MemberId.TryParse(http.Request.Headers["X-Bench-Member"].ToString(), out var member)
                ? new ClaimHttpResult(await claims.ClaimAsync(EventCodeCheck.From(code), member, ct))
                : Results.BadRequest()).ChecksEventCode().ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<ClaimHttpResult, ValidationProblem, ProblemHttpResult, RateLimitedResult, UnavailableResult,
        UnauthenticatedResult>> ClaimAsync(string code, HttpContext http, MemberClaims claims, MemberTickets tickets,
        MemberClaimLimiter limiter, IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        // stopping: no new grants here (the load balancer retries elsewhere) while the pipeline drains
        if (lifetime.ApplicationStopping.IsCancellationRequested) return UnavailableResult.Instance;
        // Everything is validated before any key is built from it (the code by ChecksEventCode).
        var eventCode = EventCodeCheck.From(code);
        if (HasBody(http.Request))
        {
            var (body, error) = await JsonBody.ReadAsync<ClaimRequest>(http.Request, MaxBodyBytes, ct);
            if (error is not null) return error;
            if (body!.NamesMember)
                return ApiProblems.Invalid("memberId", "The member now comes from the ticket: send no memberId, and " +
                    $"Authorization: Bearer <ticket> from POST {MemberTicketsEndpoints.Path}.");
        }
        // the member is whoever the ticket names, and nobody else: no form field, no header of the caller's choosing
        if (await tickets.MemberOfAsync(http.Request, ct) is not { } member) return UnauthenticatedResult.Instance;
        if (!limiter.TryAcquire(eventCode, member, out var retryAfter)) return new RateLimitedResult(retryAfter);
        return new ClaimHttpResult(await claims.ClaimAsync(eventCode, member, ct));
    }

    // no body, or an empty one: the usual claim (a body, when sent, must be a JSON object without memberId)
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>POST /api/events/{code}/claims, told from the path alone (before routing, cheaply).</summary>
    public static bool IsClaim(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value is { } path
        && path.StartsWith("/api/events/", StringComparison.Ordinal) && path.EndsWith("/claims", StringComparison.Ordinal);

    public static int StatusFor(ClaimStatus status) => status switch
    {
        ClaimStatus.Issued => StatusCodes.Status200OK,
        ClaimStatus.Duplicate => StatusCodes.Status409Conflict,
        ClaimStatus.SoldOut => StatusCodes.Status410Gone,
        ClaimStatus.NotFound => StatusCodes.Status404NotFound,
        ClaimStatus.NotOpen => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    };
}
