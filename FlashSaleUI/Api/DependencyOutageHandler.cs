using System.Collections.Concurrent;
using System.Net;
using FlashSaleUI.Core.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace FlashSaleUI.Api;

/// <summary>A request that failed because Redis or PostgreSQL is not answering is answered 503 with Retry-After, not
/// 500: a claim with <c>{"status":"unavailable"}</c> (what the member page and scripts already handle), other API calls
/// with problem details naming the server, pages with a short HTML page that reloads itself. During an outage every
/// request fails the same way, so the log says so once every few seconds, with a count, instead of once per request.
/// Any other exception is left to the default handler (500, logged).</summary>
public sealed class DependencyOutageHandler(IProblemDetailsService problems, ILogger<DependencyOutageHandler> log, TimeProvider clock)
    : IExceptionHandler
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, RepeatedFailure> _failures = new();

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (DependencyOutage.Of(exception) is not { } server || http.Response.HasStarted) return false;
        Log(server, exception);
        if (ClaimsEndpoints.IsClaim(http.Request))
        {
            await UnavailableResult.Instance.ExecuteAsync(http);
            return true;
        }
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = UnavailableResult.RetryAfterSeconds;
        if (WantsPage(http.Request))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(Page(server), ct);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = $"{server} is not answering. Try again in a moment.",
            },
        });
    }

    private static bool WantsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static string Page(string server) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="5"><title>Back in a moment - FlashSale</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}</style></head>
        <body><h1>Back in a moment</h1>
        <p>The sale's {{WebUtility.HtmlEncode(server)}} server is not answering. This page tries again by itself every few
        seconds; nothing you did is lost.</p></body></html>
        """;

    private void Log(string server, Exception exception)
    {
        if (_failures.GetOrAdd(server, _ => new RepeatedFailure(LogEvery, clock)).ShouldReport(out var since))
            log.LogWarning("{Server} is not answering ({Error}); requests answered 503 since the last report: {Count}",
                server, exception.GetBaseException().Message, since);
    }
}
