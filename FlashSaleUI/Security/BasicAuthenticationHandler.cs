using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

/// <summary>HTTP Basic against the operator account, for scripts calling the operator API.</summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorAccount account,
    OperatorSignInThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        if (throttle.IsBlocked(Context))
        {
            Context.Items[ThrottledKey] = true;
            return AuthenticateResult.Fail("Too many failed operator sign-ins from this address");
        }
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? "")); }
        catch (FormatException) { return AuthenticateResult.Fail("Malformed Basic credentials"); }
        var colon = decoded.IndexOf(':');
        if (colon < 0 || !account.Verify(decoded[..colon], decoded[(colon + 1)..]))
        {
            await throttle.RecordFailureAsync(Context, colon < 0 ? null : decoded[..colon]);
            return AuthenticateResult.Fail("Wrong operator credentials");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(OperatorPrincipal.Create(account.User, Scheme.Name), Scheme.Name));
    }

    private const string ThrottledKey = "flashsale.operator-throttled";

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(ThrottledKey))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Task.CompletedTask;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // Scripts get the standard challenge. A page's fetch() does not: browsers answer a Basic challenge with a
        // credentials prompt even for script requests, which hangs the page (browsers mark those requests with a
        // Sec-Fetch-Mode other than "navigate").
        var fetchMode = Request.Headers["Sec-Fetch-Mode"].ToString();
        if (fetchMode.Length == 0 || fetchMode == "navigate")
            Response.Headers.WWWAuthenticate = "Basic realm=\"FlashSaleUI operator\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
