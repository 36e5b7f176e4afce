namespace FlashSaleUI.Security;

public static class SelectiveAuthentication
{
    // ASP.NET Core's own marker (AuthAppBuilderExtensions.AuthenticationMiddlewareSetKey): WebApplication adds
    // UseAuthentication at the start of the pipeline unless the app's builder carries it. UseAuthentication inside a
    // UseWhen branch marks only the branch's copy of the properties, so without this every request, the skipped ones
    // too, would be authenticated by the automatically added middleware.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>Authentication for every request but those <paramref name="skip"/> picks: they run no handler at
    /// all (nothing reads their credentials, nothing counts them as sign-in attempts). Such requests must not reach an
    /// endpoint that requires authorization.</summary>
    public static WebApplication UseAuthenticationExcept(this WebApplication app, Func<HttpContext, bool> skip)
    {
        app.UseWhen(http => !skip(http), branch => branch.UseAuthentication());
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        return app;
    }
}
