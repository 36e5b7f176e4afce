using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace FlashSaleUI.Api;

/// <summary>401 {"status":"unauthenticated"}: a member call without a valid ticket (missing, edited, foreign or
/// expired). Constant bytes: forged tickets arrive at the rate of the rush.</summary>
public sealed class UnauthenticatedResult : IResult, IEndpointMetadataProvider
{
    public const string Status = "unauthenticated";
    public static readonly UnauthenticatedResult Instance = new();
    private static readonly byte[] Body = System.Text.Encoding.UTF8.GetBytes($$"""{"status":"{{Status}}"}""");

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"FlashSaleUI members\"";
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = Body.Length;
        return http.Response.Body.WriteAsync(Body).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ClaimResponse),
            ["application/json"]));
}
