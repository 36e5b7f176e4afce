using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Metadata;

namespace FlashSaleUI.Security;

/// <summary>429 with Retry-After and <c>{"status":"rateLimited","retryAfterSeconds":n}</c>: one answer for every limit
/// (the middleware's policies and the per-member claim limiter). A flood of one client is answered with constant
/// bytes: the common waits' bodies and headers are made once.</summary>
public sealed class RateLimitedResult(TimeSpan retryAfter) : IResult, IEndpointMetadataProvider
{
    private const int Precomputed = 120;
    private static readonly (byte[] Body, string Header)[] Answers = Enumerable.Range(0, Precomputed + 1).Select(Answer).ToArray();

    public int RetryAfterSeconds { get; } = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public static RateLimitedResult From(RateLimitLease lease) =>
        new(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));

    public Task ExecuteAsync(HttpContext http)
    {
        var seconds = RetryAfterSeconds;
        var (body, header) = seconds <= Precomputed ? Answers[seconds] : Answer(seconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = header;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted).AsTask();
    }

    private static (byte[] Body, string Header) Answer(int seconds) =>
        (System.Text.Encoding.UTF8.GetBytes($$"""{"status":"rateLimited","retryAfterSeconds":{{seconds}}}"""), seconds.ToString());

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(void)));
}
