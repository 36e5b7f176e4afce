using FlashSaleUI.Core.Accounts;
using FlashSaleUI.Core.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security.Operators;

/// <summary>Identity's session check (every 5 s: a disabled account is signed out everywhere within that), except
/// while PostgreSQL is unreachable: then a session confirmed within <see cref="ApiTokens.OutageGrace"/> stands as it
/// was, as a token does. Operators watch an outage from the console; no account can be changed meanwhile (that needs
/// the database too), and the next check after it returns applies any change made before.</summary>
public sealed class OutageTolerantStampValidator(IOptions<SecurityStampValidatorOptions> options,
    SignInManager<OperatorUser> signIn, ILoggerFactory logger, TimeProvider clock)
    : SecurityStampValidator<OperatorUser>(options, signIn, logger)
{
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        try
        {
            await base.ValidateAsync(context);
        }
        // IssuedUtc is when the session was last confirmed: every successful check renews the cookie
        catch (Exception e) when (DependencyOutage.IsPostgreSql(e)
                                  && context.Properties.IssuedUtc is { } confirmed
                                  && clock.GetUtcNow() - confirmed < ApiTokens.OutageGrace)
        {
        }
    }
}
