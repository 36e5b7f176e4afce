using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace FlashSaleUI.Components.Shared;

/// <summary>Who acts from a console component: the signed-in account, if its role allows the action. The server
/// checks here, not only the page's layout: a viewer's circuit never gets an actor for an operator's action.</summary>
public static class ConsoleActor
{
    public static async Task<AuditActor?> ActorAsync(this Task<AuthenticationState>? auth, IAuthorizationService authorization,
        string? address, string policy = OperatorSecurity.OperatorPolicy)
    {
        if (auth is null) return null;
        var user = (await auth).User;
        return (await authorization.AuthorizeAsync(user, policy)).Succeeded ? OperatorActor.Of(user, address) : null;
    }
}
