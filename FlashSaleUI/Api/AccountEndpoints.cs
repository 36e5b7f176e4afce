using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlashSaleUI.Api;

/// <summary>The console's cookie sign-in: form posts from the sign-in page, antiforgery-checked.</summary>
public static class AccountEndpoints
{
    public const string LoginLimit = "login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(LoginLimit, http =>
            RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();

        account.MapPost("/login", SignInAsync).RequireRateLimiting(LoginLimit);
        // as a Delegate: a method taking only HttpContext would otherwise bind as a RequestDelegate, dropping its result
        account.MapPost("/logout", (Delegate)SignOutAsync);
        return app;
    }

    public static async Task<RedirectHttpResult> SignInAsync(HttpContext http, OperatorAccount operators, OperatorSignInThrottle throttle,
        [FromForm] string? user, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var back = LocalRedirect.IsLocal(returnUrl) ? returnUrl! : "/operator";
        if (throttle.IsBlocked(http)) return TypedResults.Redirect($"/login?error=throttled&returnUrl={Uri.EscapeDataString(back)}");
        if (!operators.Verify(user, password))
        {
            await throttle.RecordFailureAsync(http, user);
            return TypedResults.Redirect($"/login?error=1&returnUrl={Uri.EscapeDataString(back)}");
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            OperatorPrincipal.Create(operators.User, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Redirect(back);
    }

    public static async Task<RedirectHttpResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }
}
