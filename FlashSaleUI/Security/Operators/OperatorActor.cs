using System.Security.Claims;

namespace FlashSaleUI.Security.Operators;

/// <summary>The audit actor of a signed-in account: its id and name, how it signed in, and the client address.</summary>
public static class OperatorActor
{
    public const string ViaClaim = "fs:via", TokenClaim = "fs:token";
    private const string AuthenticationMethod = "http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationmethod";

    public static AuditActor Of(HttpContext http) => Of(http.User, http.Connection.RemoteIpAddress?.ToString());

    public static AuditActor Of(ClaimsPrincipal user, string? address)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null) return AuditActor.From(user.Identity?.Name, address); // no account: never reaches a command
        var token = Guid.TryParse(user.FindFirstValue(TokenClaim), out var tokenId) ? tokenId : (Guid?)null;
        return AuditActor.ForAccount(id, user.Identity?.Name ?? "", address, ViaOf(user), token);
    }

    // Identity says "pwd" for a password sign-in, "mfa" for two-factor, and the provider's scheme for an external one
    private static string ViaOf(ClaimsPrincipal user) => user.FindFirstValue(ViaClaim)
        ?? user.FindFirstValue("amr") switch
        {
            "pwd" => AuditActor.ViaPassword,
            "mfa" => AuditActor.ViaTwoFactor,
            _ => user.HasClaim(c => c.Type == AuthenticationMethod) ? AuditActor.ViaSso : AuditActor.ViaPassword,
        };
}
