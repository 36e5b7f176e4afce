namespace FlashSaleUI.Security.Operators;

/// <summary>An account signed in with a one-time password may do one thing: change it. Every other page sends it to
/// My account, every other API call is a 403 saying so.</summary>
public static class MustChangePasswordGate
{
    public const string ChangePage = "/operator/account";

    public static IApplicationBuilder UseMustChangePasswordGate(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (!http.User.HasClaim(OperatorClaimsFactory.MustChangePasswordClaim, "true") || IsAllowed(http.Request.Path)) return next(http);
        if (OperatorSecurity.IsForMachines(http.Request))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Change your one-time password first",
                detail: $"This account signed in with a one-time password: change it at {ChangePage}.").ExecuteAsync(http);
        http.Response.Redirect(ChangePage);
        return Task.CompletedTask;
    });

    // the page itself and what it needs: the circuit, static files, signing out
    private static bool IsAllowed(PathString path) =>
        path.StartsWithSegments(ChangePage) || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/account") || path.StartsWithSegments("/css")
        || path.StartsWithSegments("/js") || path.StartsWithSegments("/login") || Path.HasExtension(path.Value);
}
