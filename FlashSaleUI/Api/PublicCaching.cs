using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FlashSaleUI.Api;

/// <summary>Public reads an HTTP cache may hold for a second (the event read, the member page): they carry nothing
/// personal, so a CDN or reverse proxy in front absorbs members reading once a second; a client or cache that sends
/// the ETag back gets 304 without a body.</summary>
public static class PublicCaching
{
    public const string CacheControl = "public, max-age=1";
    // one encoding per shared answer: the event read hands the same EventView to every caller for a while
    private static readonly ConditionalWeakTable<EventView, EncodedBody> Events = new();

    /// <summary>A body and its ETag, computed once.</summary>
    public sealed record EncodedBody(byte[] Body, string ETag, string ContentType)
    {
        public static EncodedBody Of(byte[] body, string contentType) =>
            new(body, $"\"{Convert.ToBase64String(SHA256.HashData(body), 0, 12).TrimEnd('=')}\"", contentType);
    }

    public static IResult Event(EventView view, HttpContext http) =>
        new CachedResult(Events.GetValue(view, v => EncodedBody.Of(JsonSerializer.SerializeToUtf8Bytes(v,
            http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions),
            "application/json; charset=utf-8")));

    /// <summary>200 with the body, or 304 when the request's If-None-Match names its ETag; both cacheable.</summary>
    public sealed class CachedResult(EncodedBody encoded) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            response.Headers.CacheControl = CacheControl;
            response.Headers.ETag = encoded.ETag;
            if (Matches(http.Request, encoded.ETag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = encoded.ContentType;
            response.ContentLength = encoded.Body.Length;
            return response.Body.WriteAsync(encoded.Body).AsTask();
        }

        private static bool Matches(HttpRequest request, string etag)
        {
            if (request.Headers.IfNoneMatch.Count == 0) return false;
            var tag = new EntityTagHeaderValue(etag);
            return request.GetTypedHeaders().IfNoneMatch
                .Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false));
        }
    }
}
