using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FlashSaleUI.Security.Members;

/// <summary>How members prove who they are before the rush, each a standard mechanism: the shop's JWT (JwtBearer),
/// sign-in on the claim page (OpenID Connect, code flow with PKCE), or, for test members, local sign-in. Each ends
/// with a ticket (<see cref="MemberTickets"/>); during the rush only the ticket is checked.</summary>
public static class MemberSignIn
{
    public const string JwtScheme = "MemberJwt";
    public const string OidcScheme = "MemberOidc";
    /// <summary>Holds nothing: OpenID Connect needs a sign-in scheme, but the sign-in ends with a ticket, not a cookie.</summary>
    private const string HandshakeScheme = "MemberOidcHandshake";
    public const string SignInPath = "/member/sign-in";
    public const string CallbackPath = "/signin-member";
    public const string TicketsPolicy = "member-tickets-by-address";

    // the asymmetric algorithms a provider's JWKS keys sign with: "none" and HS256 (with the public key as the
    // secret) are never among them
    private static readonly string[] ProviderAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static IServiceCollection AddMemberSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<MembersOptions>, MembersOptionsValidation>();
        var members = configuration.GetSection(MembersOptions.Section).Get<MembersOptions>() ?? new MembersOptions();
        var authentication = services.AddAuthentication();
        if (!string.IsNullOrWhiteSpace(members.Jwt.Authority))
            authentication.AddJwtBearer(JwtScheme, o =>
            {
                o.Authority = members.Jwt.Authority;
                o.Audience = members.Jwt.Audience;
                o.RequireHttpsMetadata = members.Jwt.RequireHttpsMetadata;
                o.MapInboundClaims = false; // "sub" stays "sub"
                o.TokenValidationParameters.ValidateIssuer = true;
                o.TokenValidationParameters.ValidateAudience = true;
                o.TokenValidationParameters.ValidateLifetime = true;
                o.TokenValidationParameters.RequireExpirationTime = true;
                o.TokenValidationParameters.RequireSignedTokens = true;
                o.TokenValidationParameters.ValidAlgorithms = ProviderAlgorithms;
                o.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
            });
        if (!string.IsNullOrWhiteSpace(members.Oidc.Authority))
            authentication
                .AddCookie(HandshakeScheme, o => o.Cookie.Name = "flashsale.member-signin")
                .AddOpenIdConnect(OidcScheme, o =>
                {
                    OidcCodeFlow.Configure(o, members.Oidc.Authority, members.Oidc.ClientId, members.Oidc.ClientSecret,
                        members.Oidc.RequireHttpsMetadata, CallbackPath, HandshakeScheme);
                    o.MapInboundClaims = false; // "sub" stays "sub"
                    o.Events.OnTicketReceived = MemberSignInCallback.IssueTicketAsync;
                    o.Events.OnRemoteFailure = MemberSignInCallback.ReportFailureAsync;
                });
        return services;
    }
}

/// <summary>Outside Development the app needs a way for members to sign in, and says so at start.</summary>
public sealed class MembersOptionsValidation(IHostEnvironment environment) : IValidateOptions<MembersOptions>
{
    public ValidateOptionsResult Validate(string? name, MembersOptions options)
    {
        if (!options.LocalSignIn && !options.HasIdentityProvider && !environment.IsDevelopment())
            return ValidateOptionsResult.Fail("Members cannot sign in: set Members__Jwt__Authority (the shop's identity " +
                "provider, whose JWTs buy tickets) or Members__Oidc__Authority (sign-in on the claim page), or " +
                "Members__LocalSignIn=true for test members who name themselves (./run.sh sets it).");
        // (each setting's own range is on MembersOptions; these are the rules between settings)
        if (options.TicketKeyRotation < options.TicketKeyRefresh * 4)
            return ValidateOptionsResult.Fail("Members__TicketKeyRotation must be at least four times Members__TicketKeyRefresh.");
        if (!string.IsNullOrWhiteSpace(options.Jwt.Authority) && string.IsNullOrWhiteSpace(options.Jwt.Audience))
            return ValidateOptionsResult.Fail("Members__Jwt__Audience is required with Members__Jwt__Authority.");
        if (!string.IsNullOrWhiteSpace(options.Oidc.Authority) && string.IsNullOrWhiteSpace(options.Oidc.ClientId))
            return ValidateOptionsResult.Fail("Members__Oidc__ClientId is required with Members__Oidc__Authority.");
        return ValidateOptionsResult.Success;
    }
}
