namespace FlashSaleUI.Security;

/// <summary>Refuses state-changing requests that carry the operator's cookie but come from another site (CSRF):
/// the browser says where a request comes from in Sec-Fetch-Site, or at least in Origin. The cookie is SameSite=Strict
/// as well; this is the second lock, and it covers endpoints without a form (open, close, replay, sign-out).
/// Scripts authenticating with HTTP Basic send no cookie and are not affected.</summary>
public static class CrossSiteRequestGuard
{
    public static IApplicationBuilder UseCrossSiteRequestGuard(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Cookies.ContainsKey(Operators.OperatorSecurity.CookieName) || IsSameSite(request))
            return next(http);
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        return http.Response.WriteAsJsonAsync(new { status = "crossSiteRequestRefused" });
    });

    private static bool IsSameSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0) return fetchSite is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true; // not a browser's cross-site request: browsers send Origin on those
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase);
    }
}
