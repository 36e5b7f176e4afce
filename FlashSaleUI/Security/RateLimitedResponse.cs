using System.Threading.RateLimiting;

namespace FlashSaleUI.Security;

public static class RateLimitedResponse
{
    public static ValueTask WriteAsync(HttpContext http, RateLimitLease lease, CancellationToken ct) =>
        WriteAsync(http, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1), ct);

    public static async ValueTask WriteAsync(HttpContext http, TimeSpan retryAfter, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString();
        await http.Response.WriteAsJsonAsync(new { status = "rateLimited", retryAfterSeconds = seconds }, ct);
    }
}
