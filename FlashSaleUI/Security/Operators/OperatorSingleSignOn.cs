using FlashSaleUI.Core.Accounts;
using FlashSaleUI.Core.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security.Operators;

/// <summary>The "Operators:Oidc" section: single sign-on with the company's identity provider (optional).</summary>
public sealed class OperatorsOidcOptions
{
    public const string Section = "Operators:Oidc";
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>The claim that carries the person's groups.</summary>
    public string RoleClaim { get; set; } = "groups";
    /// <summary>Role to group: Operators__Oidc__Roles__admin=flashsale-admins; the highest role whose group the person is in.</summary>
    public Dictionary<string, string> Roles { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>Single sign-on's settings, checked at start: with an authority, a client id and at least one group mapped
/// to a role that exists.</summary>
public sealed class OperatorsOidcOptionsValidation : IValidateOptions<OperatorsOidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorsOidcOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
            failures.Add("Operators__Oidc__ClientId is required with Operators__Oidc__Authority.");
        if (options.Roles.Count == 0)
            failures.Add("Operators__Oidc__Roles__{role} maps the provider's groups to roles: set at least one of " +
                string.Join(", ", OperatorRoles.All) + ".");
        failures.AddRange(options.Roles.Keys.Where(r => !OperatorRoles.All.Contains(r))
            .Select(r => $"Operators__Oidc__Roles__{r}: there is no role {r}; the roles are {string.Join(", ", OperatorRoles.All)}."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Operators signing in through the company's identity provider (OpenID Connect, code flow with PKCE): the
/// provider's account is linked to a local one on first sign-in, its role taken from the mapped group each time.
/// Local accounts stay the way in when the provider is down.</summary>
public static class OperatorSingleSignOn
{
    public const string Scheme = "OperatorOidc";
    public const string CallbackPath = "/signin-operator";

    public static IServiceCollection AddOperatorSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(OperatorsOidcOptions.Section).Get<OperatorsOidcOptions>() ?? new OperatorsOidcOptions();
        services.AddSettings<OperatorsOidcOptions>(OperatorsOidcOptions.Section);
        services.AddSingleton<IValidateOptions<OperatorsOidcOptions>, OperatorsOidcOptionsValidation>();
        if (!options.Enabled) return services;
        // the provider's subject becomes Identity's external login key (mapped to NameIdentifier, as Identity reads it)
        services.AddAuthentication().AddOpenIdConnect(Scheme, o => OidcCodeFlow.Configure(o, options.Authority!, options.ClientId,
            options.ClientSecret, options.RequireHttpsMetadata, CallbackPath, IdentityConstants.ExternalScheme));
        return services;
    }

    /// <summary>The provider said who this is: link (or find) the local account, give it the mapped role, sign it in.
    /// Null and a reason when the person may not come in.</summary>
    public static async Task<string?> SignInLinkedAsync(SignInManager<OperatorUser> signIn, OperatorsOidcOptions options,
        TimeProvider clock)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null) return "provider";
        var groups = info.Principal.FindAll(options.RoleClaim).Select(c => c.Value).ToHashSet();
        var role = OperatorRoles.All.Reverse().FirstOrDefault(r => options.Roles.TryGetValue(r, out var g) && groups.Contains(g));
        if (role is null) return "ssoNoRole";
        var users = signIn.UserManager;
        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (user is null)
        {
            user = new OperatorUser { UserName = LocalName(info.ProviderKey), CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) return "provider";
            await users.AddLoginAsync(user, info);
        }
        if (user.Disabled) return "disabled";
        var current = await users.GetRolesAsync(user);
        if (!current.SequenceEqual([role]))
        {
            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, role);
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "sso");
        return null;
    }

    // the provider's subject as a local user name: "sso-" and the allowed characters of it
    private static string LocalName(string subject)
    {
        var name = "sso-" + new string(subject.Where(c => OperatorAccounts.UserNameCharacters.Contains(c)).ToArray());
        return name[..Math.Min(64, name.Length)];
    }
}
