using System.Security.Claims;
using FlashSaleUI.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security.Operators;

/// <summary>The signed-in account's claims: Identity's (id, name, role, security stamp), and whether it must still
/// change its one-time password.</summary>
public sealed class OperatorClaimsFactory(UserManager<OperatorUser> users, RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<OperatorUser, IdentityRole>(users, roles, options)
{
    public const string MustChangePasswordClaim = "fs:must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(OperatorUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword) identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        return identity;
    }
}
