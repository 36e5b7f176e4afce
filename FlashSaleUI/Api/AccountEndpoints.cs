using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
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

        account.MapPost("/login", async (HttpContext http, OperatorAccount operators, OperatorSignInThrottle throttle,
            [FromForm] string? user, [FromForm] string? password, [FromForm] string? returnUrl) =>
        {
            var back = LocalRedirect.IsLocal(returnUrl) ? returnUrl! : "/operator";
            if (throttle.IsBlocked(http)) return Results.Redirect($"/login?error=throttled&returnUrl={Uri.EscapeDataString(back)}");
            if (!operators.Verify(user, password))
            {
                await throttle.RecordFailureAsync(http, user);
                return Results.Redirect($"/login?error=1&returnUrl={Uri.EscapeDataString(back)}");
            }
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                OperatorPrincipal.Create(operators.User, CookieAuthenticationDefaults.AuthenticationScheme));
            return Results.Redirect(back);
        }).RequireRateLimiting(LoginLimit);

        account.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        });
        return app;
    }
}
