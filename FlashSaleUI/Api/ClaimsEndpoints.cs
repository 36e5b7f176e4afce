using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSaleUI.Api;

public static class ClaimsEndpoints
{
    public const string Pattern = "/api/events/{code}/claims";
    private const int MaxBodyBytes = 1024;

    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Pattern, ClaimAsync).RequireRateLimiting(ClaimRateLimiting.ByAddressPolicy).WithTags("Claims");
        return app;
    }

    public static async Task<Results<ClaimHttpResult, ValidationProblem, ProblemHttpResult, RateLimitedResult, UnavailableResult>>
        ClaimAsync(string code, HttpContext http, MemberClaims claims, MemberClaimLimiter limiter, IHostApplicationLifetime lifetime,
            CancellationToken ct)
    {
        // stopping: no new grants here (the load balancer retries elsewhere) while the pipeline drains
        if (lifetime.ApplicationStopping.IsCancellationRequested) return UnavailableResult.Instance;
        // Everything is validated before any key is built from it.
        if (!EventCode.TryParse(code, out var eventCode))
            return ApiProblems.InvalidEventCode();
        var (body, error) = await JsonBody.ReadAsync<ClaimRequest>(http.Request, MaxBodyBytes, ct);
        if (error is not null) return error;
        if (!MemberId.TryParse(body!.MemberId, out var member))
            return ApiProblems.Invalid("memberId", $"Member id must be {MemberId.Rule}.");
        if (!limiter.TryAcquire(eventCode, member, out var retryAfter)) return new RateLimitedResult(retryAfter);
        return new ClaimHttpResult(await claims.ClaimAsync(eventCode, member, ct));
    }

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
