using System.Text.Json;

namespace FlashSaleUI.Api;

/// <summary>Reads a JSON request body strictly: wrong content type, no body, an oversized body or malformed JSON
/// are all a 400 problem with a clear message (the framework's binder would answer 415 or throw for some).</summary>
public static class JsonBody
{
    // Web defaults (camelCase, case-insensitive) but numbers must be numbers: "stock":"5" is an error; and a property
    // given twice ({"memberId":"a","memberId":"b"}) is refused, not "last one wins": a proxy or log reading the first
    // must never see a different member than the claim.
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        AllowDuplicateProperties = false,
    };

    public static async Task<(T? Value, ProblemHttpResult? Error)> ReadAsync<T>(HttpRequest request,
        int maxBytes, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problem("Content-Type must be application/json."));
        if (request.ContentLength > maxBytes) return (null, Problem($"The body must be at most {maxBytes} bytes."));
        // one pooled buffer, one byte larger than allowed: filling it means the body is too large
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= maxBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), ct)) > 0)
                length += read;
            if (length > maxBytes) return (null, Problem($"The body must be at most {maxBytes} bytes."));
            if (length == 0) return (null, Problem("A JSON body is required."));
            try
            {
                var value = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), Strict);
                return value is null ? (null, Problem("The body must be a JSON object.")) : (value, null);
            }
            catch (JsonException e)
            {
                return (null, Problem($"Malformed JSON: {e.Message}"));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemHttpResult Problem(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request body");
}
