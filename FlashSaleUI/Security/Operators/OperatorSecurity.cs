using FlashSaleUI.Core.Accounts;
using FlashSaleUI.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace FlashSaleUI.Security.Operators;

/// <summary>Operators are people with accounts (ASP.NET Core Identity on PostgreSQL: password hashes, lockout,
/// two-factor sign-in) and one role each. The console signs in with a cookie; scripts send a personal token
/// (Authorization: Bearer); HTTP Basic is accepted only by POST /api/tokens, to make the first token.</summary>
public static class OperatorSecurity
{
    public const string ViewerPolicy = "Viewer", OperatorPolicy = "Operator", AdminPolicy = "Admin";
    public const string TokenScheme = "OperatorToken", BasicScheme = "Basic";
    private const string Smart = "OperatorSmart";
    public const string CookieName = "flashsale.operator";

    public static IServiceCollection AddOperatorSecurity(this IServiceCollection services)
    {
        services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true); // SecurityHeaders sends DENY for every response
        services.AddSingleton<OperatorSignInThrottle>();
        services.AddSingleton<ApiTokens>();
        services.AddScoped<OperatorAccounts>();
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = SchemeFor)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenScheme, null)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicScheme, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/login";
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.Events.OnRedirectToLogin = ctx => ApiStatusOrRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiStatusOrRedirect(ctx, StatusCodes.Status403Forbidden);
            }));
        services.AddIdentityCore<OperatorUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.User.AllowedUserNameCharacters = OperatorAccounts.UserNameCharacters;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FlashSaleDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<OperatorClaimsFactory>()
            .AddDefaultTokenProviders();
        // a disabled account's cookie stops working within seconds on every instance (its security stamp changes)
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(5));
        services.AddScoped<ISecurityStampValidator, OutageTolerantStampValidator>(); // in place of Identity's own
        services.AddAuthorizationBuilder()
            .AddPolicy(ViewerPolicy, p => p.RequireAuthenticatedUser().RequireRole(OperatorRoles.All))
            .AddPolicy(OperatorPolicy, p => p.RequireAuthenticatedUser().RequireRole(OperatorRoles.AtLeast(OperatorRoles.Operator)))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(OperatorRoles.Admin));
        return services;
    }

    // a bearer token or Basic credentials say which handler reads them; anything else is the console's cookie
    private static string SchemeFor(HttpContext http)
    {
        if (AuthorizationHeader.Names(http.Request, AuthorizationHeader.Bearer)) return TokenScheme;
        if (AuthorizationHeader.Names(http.Request, AuthorizationHeader.Basic)) return BasicScheme;
        // the hub's browser clients send the token as a query parameter (WebSockets carry no header from a browser)
        if (http.Request.Path.StartsWithSegments("/hubs") && http.Request.Query.ContainsKey("access_token")) return TokenScheme;
        return IdentityConstants.ApplicationScheme;
    }

    private static Task ApiStatusOrRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (IsForMachines(ctx.Request)) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    // the JSON API, the metrics scrape and the hub answer 401/403; pages redirect to sign in
    public static bool IsForMachines(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/metrics") || request.Path.StartsWithSegments("/hubs");
}
