using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace FlashSaleUI.Api;

/// <summary>503 <c>{"status":"unavailable"}</c> with Retry-After: 1, the claim answer when no claim can be made here
/// now: this instance is stopping (the load balancer tries elsewhere while the pipeline drains), or Redis is not
/// answering. A claim whose Redis call was cut off may have been granted; the member's retry then answers
/// "duplicate", never a second coupon.</summary>
public sealed class UnavailableResult : IResult, IEndpointMetadataProvider
{
    public static readonly UnavailableResult Instance = new();
    /// <summary>How soon to try again: an instance stopping is replaced, and a Redis restart takes about this long.</summary>
    public const string RetryAfterSeconds = "1";
    private static readonly byte[] Body = """{"status":"unavailable"}"""u8.ToArray();

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.Body.WriteAsync(Body).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(void)));
}
