using System.Text.Json;

namespace FlashSaleUI.Api;

/// <summary>Reads a JSON request body strictly: wrong content type, no body, an oversized body or malformed JSON
/// are all a 400 problem with a clear message (the framework's binder would answer 415 or throw for some).</summary>
public static class JsonBody
{
    // Web defaults (camelCase, case-insensitive) but numbers must be numbers: "stock":"5" is an error.
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problem("Content-Type must be application/json."));
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return (null, Problem($"The body must be at most {maxBytes} bytes."));
        }
        if (buffer.Length == 0) return (null, Problem("A JSON body is required."));
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Strict);
            return value is null ? (null, Problem("The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problem($"Malformed JSON: {e.Message}"));
        }
    }

    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static IResult Problem(string detail) =>
        Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request body");
}
