using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FlashSaleUI.Security;

public static class SecurityExtensions
{
    public const string OperatorPolicy = "Operator";
    private const string Smart = "OperatorSmart";
    public const string Basic = "Basic";
    public const string CookieName = "flashsale.operator";

    /// <summary>Operators authenticate with HTTP Basic (scripts) or the sign-in cookie (the console). Unauthenticated
    /// API calls get 401, never a redirect; pages redirect to the sign-in page.</summary>
    public static IServiceCollection AddOperatorSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true); // SecurityHeaders sends DENY for every response
        services.AddSingleton<OperatorAccount>();
        services.AddSingleton<OperatorSignInThrottle>();
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                || IsApi(ctx.Request) ? Basic : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(Basic, null)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.Events.OnRedirectToLogin = ctx => ApiStatusOrRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiStatusOrRedirect(ctx, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, p => p.RequireAuthenticatedUser().RequireRole(OperatorPrincipal.Role));
        return services;
    }

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx,
        int status)
    {
        if (IsForMachines(ctx.Request)) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    // The API accepts the console's cookie too: a cookie-authenticated call carries no Basic header.
    private static bool IsApi(HttpRequest request) => IsForMachines(request) && !request.Cookies.ContainsKey(CookieName);

    // the JSON API and the metrics scrape answer 401/403; pages redirect to sign in
    private static bool IsForMachines(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/metrics");
}
