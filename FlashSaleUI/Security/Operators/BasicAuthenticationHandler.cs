using System.Text;
using System.Text.Encodings.Web;
using FlashSaleUI.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security.Operators;

/// <summary>HTTP Basic, accepted by POST /api/tokens only: a script's one way to its first token, for an account
/// without two-factor sign-in. A password check per request anywhere else would be a CPU and lockout hazard: there it
/// is a 401 that says to create a token. Failures count toward the account's lockout and the address's limit.</summary>
public sealed class BasicAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, OperatorSignInThrottle throttle) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string TokensPath = "/api/tokens";
    private const string RefusalKey = "flashsale.basic-refusal";

    public static bool IsAccepted(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(TokensPath, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (AuthorizationHeader.Credential(Request, AuthorizationHeader.Basic) is not { } credentials)
            return AuthenticateResult.NoResult();
        if (!IsAccepted(Request))
            return Refuse("notHere", $"HTTP Basic is accepted only by POST {TokensPath}: create a token there and send it as " +
                "Authorization: Bearer <token>.");
        if (throttle.IsBlocked(Context)) return Refuse("throttled", "Too many failed sign-ins from this address.");
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials)); }
        catch (FormatException) { return Refuse("wrong", "Malformed Basic credentials."); }
        var colon = decoded.IndexOf(':');
        var (name, password) = colon < 0 ? (decoded, "") : (decoded[..colon], decoded[(colon + 1)..]);
        var signIn = Context.RequestServices.GetRequiredService<SignInManager<OperatorUser>>();
        var user = await signIn.UserManager.FindByNameAsync(name);
        if (user is null || user.Disabled)
        {
            await throttle.RecordFailureAsync(Context, name);
            return Refuse("wrong", "Wrong user name or password.");
        }
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut) return Refuse("lockedOut", "The account is locked after repeated wrong passwords: try again later.");
        if (!check.Succeeded)
        {
            await throttle.RecordFailureAsync(Context, name);
            return Refuse("wrong", "Wrong user name or password.");
        }
        if (await signIn.UserManager.GetTwoFactorEnabledAsync(user))
            return Refuse("twoFactor", "This account signs in with two factors: create tokens in the console (My account).");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!)
            .AddClaim(new(OperatorActor.ViaClaim, Core.Audit.AuditActor.ViaPassword));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private AuthenticateResult Refuse(string why, string detail)
    {
        Context.Items[RefusalKey] = (why, detail);
        return AuthenticateResult.Fail(detail);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (why, detail) = Context.Items[RefusalKey] as (string, string)? ?? ("wrong", "Operator credentials are required.");
        Response.StatusCode = why is "throttled" ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized;
        if (why is "throttled") Response.Headers.RetryAfter = "60";
        // a page's fetch() gets no Basic challenge: browsers would answer it with a credentials prompt
        var fetchMode = Request.Headers["Sec-Fetch-Mode"].ToString();
        if (why is not "notHere" && (fetchMode.Length == 0 || fetchMode == "navigate"))
            Response.Headers.WWWAuthenticate = "Basic realm=\"FlashSaleUI operator\", charset=\"UTF-8\"";
        await Results.Problem(statusCode: Response.StatusCode, title: "Operator credentials refused", detail: detail,
            extensions: new Dictionary<string, object?> { ["reason"] = why }).ExecuteAsync(Context);
    }
}
