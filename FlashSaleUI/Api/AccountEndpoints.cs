using FlashSaleUI.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace FlashSaleUI.Api;

/// <summary>The console's cookie sign-in (ASP.NET Core Identity): form posts from the sign-in pages, antiforgery-checked.
/// Wrong passwords count toward the account's lockout and the address's limit.</summary>
public static class AccountEndpoints
{
    public const string LoginLimit = "login";

    /// <summary>Sign-ins, two-factor codes and token creation per client address (FlashSale__RateLimit__SignIns*).</summary>
    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddAddressTokenBucket(LoginLimit,
            l => (l.SignInsPerAddressBurst, l.SignInsPerAddressPerMinute), TimeSpan.FromMinutes(1)));

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", SignInAsync).RequireRateLimiting(LoginLimit);
        account.MapPost("/login/two-factor", TwoFactorAsync).RequireRateLimiting(LoginLimit);
        // as a Delegate: a method taking only HttpContext would otherwise bind as a RequestDelegate, dropping its result
        account.MapPost("/logout", (Delegate)SignOutAsync);
        account.MapGet("/sso", SingleSignOn).RequireRateLimiting(LoginLimit);
        account.MapGet("/sso/done", SingleSignOnDoneAsync);
        var mine = account.MapGroup("").RequireAuthorization(OperatorSecurity.ViewerPolicy);
        mine.MapPost("/password", ChangePasswordAsync).RequireRateLimiting(LoginLimit);
        mine.MapPost("/two-factor", TurnOnTwoFactorAsync).RequireRateLimiting(LoginLimit);
        mine.MapPost("/two-factor/off", TurnOffTwoFactorAsync);
        return app;
    }

    private const string MyAccount = MustChangePasswordGate.ChangePage;

    /// <summary>My account's password form: the one-time password gives way to the person's own.</summary>
    public static async Task<RedirectHttpResult> ChangePasswordAsync(HttpContext http, SignInManager<OperatorUser> signIn,
        Core.Audit.IAuditLog audit, [FromForm] string? current, [FromForm] string? next)
    {
        if (await signIn.UserManager.GetUserAsync(http.User) is not { } user) return TypedResults.Redirect("/login");
        var changed = await signIn.UserManager.ChangePasswordAsync(user, current ?? "", next ?? "");
        if (!changed.Succeeded)
            return TypedResults.Redirect(
                $"{MyAccount}?error={Uri.EscapeDataString(string.Join(" ", changed.Errors.Select(e => e.Description)))}");
        user.MustChangePassword = false;
        await signIn.UserManager.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user); // a new cookie, without the one-time password's restriction
        await audit.RecordAsync(OperatorActor.Of(http), Core.Audit.AuditAction.PasswordChanged, null, user.UserName);
        return TypedResults.Redirect($"{MyAccount}?done=password");
    }

    /// <summary>Turns two-factor sign-in on once the authenticator app's code proves the key was read; the answer shows
    /// the recovery codes, once.</summary>
    public static async Task<IResult> TurnOnTwoFactorAsync(HttpContext http, UserManager<OperatorUser> users, [FromForm] string? code)
    {
        if (await users.GetUserAsync(http.User) is not { } user) return TypedResults.Redirect("/login");
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider,
            (code ?? "").Replace(" ", "").Replace("-", ""));
        if (!valid)
            return TypedResults.Redirect($"{MyAccount}?error={Uri.EscapeDataString("That code is not right: try the current one.")}");
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        http.Response.Headers.CacheControl = "no-store";
        return new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<Components.Account.RecoveryCodes>(
            new Dictionary<string, object?> { [nameof(Components.Account.RecoveryCodes.Codes)] = codes });
    }

    public static async Task<RedirectHttpResult> TurnOffTwoFactorAsync(HttpContext http, UserManager<OperatorUser> users)
    {
        if (await users.GetUserAsync(http.User) is not { } user) return TypedResults.Redirect("/login");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return TypedResults.Redirect($"{MyAccount}?done=twoFactorOff");
    }

    public static async Task<RedirectHttpResult> SignInAsync(HttpContext http, SignInManager<OperatorUser> signIn,
        OperatorSignInThrottle throttle, [FromForm] string? user, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var back = LocalRedirect.IsLocal(returnUrl) ? returnUrl! : "/operator";
        RedirectHttpResult Again(string error) =>
            TypedResults.Redirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
        if (throttle.IsBlocked(http)) return Again("throttled");
        var account = string.IsNullOrEmpty(user) ? null : await signIn.UserManager.FindByNameAsync(user);
        if (account is { Disabled: true }) return Again("disabled");
        var result = account is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(account, password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor) return TypedResults.Redirect($"/login/two-factor?returnUrl={Uri.EscapeDataString(back)}");
        if (result.IsLockedOut) return Again("lockedOut");
        if (!result.Succeeded)
        {
            await throttle.RecordFailureAsync(http, user);
            return Again("1");
        }
        return TypedResults.Redirect(account!.MustChangePassword ? MustChangePasswordGate.ChangePage : back);
    }

    /// <summary>The second step: a code from the authenticator app, or a recovery code.</summary>
    public static async Task<RedirectHttpResult> TwoFactorAsync(HttpContext http, SignInManager<OperatorUser> signIn,
        OperatorSignInThrottle throttle, [FromForm] string? code, [FromForm] bool? recovery, [FromForm] string? returnUrl)
    {
        var back = LocalRedirect.IsLocal(returnUrl) ? returnUrl! : "/operator";
        var pending = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (pending is null) return TypedResults.Redirect("/login");
        var typed = (code ?? "").Replace(" ", "").Replace("-", "");
        var result = recovery == true
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(typed)
            : await signIn.TwoFactorAuthenticatorSignInAsync(typed, isPersistent: false, rememberClient: false);
        if (result.Succeeded) return TypedResults.Redirect(pending.MustChangePassword ? MustChangePasswordGate.ChangePage : back);
        if (!result.IsLockedOut) await throttle.RecordFailureAsync(http, pending.UserName);
        return TypedResults.Redirect($"/login/two-factor?error={(result.IsLockedOut ? "lockedOut" : "1")}" +
            $"&returnUrl={Uri.EscapeDataString(back)}");
    }

    /// <summary>Sends the operator to the company's identity provider (Operators__Oidc__*), and back.</summary>
    public static IResult SingleSignOn(string? returnUrl, SignInManager<OperatorUser> signIn,
        Microsoft.Extensions.Options.IOptions<OperatorsOidcOptions> options)
    {
        if (!options.Value.Enabled) return TypedResults.Redirect("/login?error=ssoOff");
        var back = LocalRedirect.IsLocal(returnUrl) ? returnUrl! : "/operator";
        var properties = signIn.ConfigureExternalAuthenticationProperties(OperatorSingleSignOn.Scheme,
            $"/account/sso/done?returnUrl={Uri.EscapeDataString(back)}");
        return Results.Challenge(properties, [OperatorSingleSignOn.Scheme]);
    }

    public static async Task<RedirectHttpResult> SingleSignOnDoneAsync(HttpContext http, string? returnUrl,
        SignInManager<OperatorUser> signIn, Microsoft.Extensions.Options.IOptions<OperatorsOidcOptions> options, TimeProvider clock)
    {
        var refusal = await OperatorSingleSignOn.SignInLinkedAsync(signIn, options.Value, clock);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (refusal is not null) return TypedResults.Redirect($"/login?error={refusal}");
        return TypedResults.Redirect(LocalRedirect.IsLocal(returnUrl) ? returnUrl! : "/operator");
    }

    public static async Task<RedirectHttpResult> SignOutAsync(HttpContext http)
    {
        await http.RequestServices.GetRequiredService<SignInManager<OperatorUser>>().SignOutAsync();
        return TypedResults.Redirect("/login");
    }
}
