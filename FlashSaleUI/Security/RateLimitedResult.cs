using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Metadata;

namespace FlashSaleUI.Security;

/// <summary>429 with Retry-After and <c>{"status":"rateLimited","retryAfterSeconds":n}</c>: one answer for every limit
/// (the middleware's policies and the per-member claim limiter).</summary>
public sealed class RateLimitedResult(TimeSpan retryAfter) : IResult, IEndpointMetadataProvider
{
    public int RetryAfterSeconds { get; } = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public static RateLimitedResult From(RateLimitLease lease) =>
        new(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return http.Response.WriteAsJsonAsync(new { status = "rateLimited", retryAfterSeconds = RetryAfterSeconds },
            http.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(void)));
}
