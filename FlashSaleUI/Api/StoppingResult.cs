using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace FlashSaleUI.Api;

/// <summary>503 <c>{"status":"unavailable"}</c> with Retry-After: 1: this instance is stopping and takes no new
/// claims while its pipeline drains; the caller (or the load balancer) tries again elsewhere.</summary>
public sealed class StoppingResult : IResult, IEndpointMetadataProvider
{
    public static readonly StoppingResult Instance = new();
    private static readonly byte[] Body = """{"status":"unavailable"}"""u8.ToArray();

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "1";
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.Body.WriteAsync(Body).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(void)));
}
