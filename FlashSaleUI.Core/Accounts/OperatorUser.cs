using Microsoft.AspNetCore.Identity;

namespace FlashSaleUI.Core.Accounts;

/// <summary>A person who runs sales: an ASP.NET Core Identity account (password hash, lockout, two-factor sign-in) with
/// one role (<see cref="OperatorRoles"/>).</summary>
public sealed class OperatorUser : IdentityUser
{
    /// <summary>Signed in with a one-time password: nothing but changing it is allowed until it is changed.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>Disabled by an admin: no sign-in, and its sessions and tokens stop working within seconds.</summary>
    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
