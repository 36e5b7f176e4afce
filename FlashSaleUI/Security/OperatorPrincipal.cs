using System.Security.Claims;

namespace FlashSaleUI.Security;

public static class OperatorPrincipal
{
    public const string Role = "operator";

    public static ClaimsPrincipal Create(string user, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, Role)], scheme));
}
