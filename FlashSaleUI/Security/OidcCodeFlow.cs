using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace FlashSaleUI.Security;

/// <summary>How both OpenID Connect sign-ins (members' and operators') talk to their provider: the authorization code
/// flow with PKCE, the answer back as a top-level GET (response_mode=query) so the handshake cookies can be
/// SameSite=Lax: the default form post needs SameSite=None cookies, which browsers keep only on HTTPS.</summary>
public static class OidcCodeFlow
{
    public static void Configure(OpenIdConnectOptions o, string authority, string? clientId, string? clientSecret,
        bool requireHttpsMetadata, string callbackPath, string signInScheme)
    {
        o.Authority = authority;
        o.ClientId = clientId;
        o.ClientSecret = clientSecret;
        o.RequireHttpsMetadata = requireHttpsMetadata;
        o.ResponseType = "code";
        o.UsePkce = true;
        o.ResponseMode = "query";
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.CallbackPath = callbackPath;
        o.SignInScheme = signInScheme;
        o.Scope.Clear();
        o.Scope.Add("openid");
    }
}
