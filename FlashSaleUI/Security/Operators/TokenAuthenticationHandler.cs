using System.Security.Claims;
using System.Text.Encodings.Web;
using FlashSaleUI.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security.Operators;

/// <summary>Authorization: Bearer &lt;personal token&gt; (or ?access_token= on the hub): a hash and a lookup kept for a
/// few seconds (ApiTokens), never a password hash per call.</summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiTokens tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = AuthorizationHeader.Credential(Request, AuthorizationHeader.Bearer) ?? Request.Query["access_token"].ToString();
        if (secret.Length == 0) return AuthenticateResult.NoResult();
        if (await tokens.CheckAsync(secret, Context.RequestAborted) is not { } holder)
            return AuthenticateResult.Fail("The token is unknown, expired or revoked, or its account is disabled.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, holder.UserId), new Claim(ClaimTypes.Name, holder.UserName),
            new Claim(ClaimTypes.Role, holder.Role), new Claim(OperatorActor.ViaClaim, Core.Audit.AuditActor.ViaToken),
            new Claim(OperatorActor.TokenClaim, holder.TokenId.ToString()),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"FlashSaleUI operators\"";
        return Task.CompletedTask;
    }
}
