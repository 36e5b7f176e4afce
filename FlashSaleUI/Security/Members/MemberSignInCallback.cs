using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security.Members;

/// <summary>The end of a member's OpenID Connect sign-in: the provider's verified identity becomes a ticket, handed to
/// the claim page in the URL's fragment (never sent to a server, so no log or proxy sees it). The page keeps it and
/// sends it as Authorization: Bearer; no cookie carries it, so a cross-site page cannot claim in the member's name.</summary>
public static class MemberSignInCallback
{
    public const string DefaultReturn = "/";

    public static Task IssueTicketAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claim = services.GetRequiredService<IOptionsMonitor<MembersOptions>>().CurrentValue.Oidc.MemberIdClaim;
        var returnTo = SafeReturn(context.ReturnUri);
        context.HandleResponse(); // no cookie: the ticket is the sign-in
        if (!MemberId.TryParse(context.Principal?.FindFirst(claim)?.Value, out var member))
        {
            context.Response.Redirect($"{returnTo}#signInError=memberId");
            return Task.CompletedTask;
        }
        var ticket = services.GetRequiredService<MemberTickets>().Issue(member);
        context.Response.Redirect($"{returnTo}#ticket={Uri.EscapeDataString(ticket.Ticket)}" +
            $"&memberId={Uri.EscapeDataString(ticket.MemberId)}&expiresAt={Uri.EscapeDataString(ticket.ExpiresAt.ToString("O"))}");
        return Task.CompletedTask;
    }

    /// <summary>The provider refused, or the member cancelled: back to the page, which says so.</summary>
    public static Task ReportFailureAsync(RemoteFailureContext context)
    {
        var returnTo = SafeReturn(context.Properties?.RedirectUri);
        context.Logger().LogWarning(context.Failure, "Member sign-in through the identity provider failed");
        context.HandleResponse();
        context.Response.Redirect($"{returnTo}#signInError=provider");
        return Task.CompletedTask;
    }

    public static string SafeReturn(string? url) => LocalRedirect.IsLocal(url) && !url!.Contains('#') ? url : DefaultReturn;

    private static ILogger Logger(this RemoteFailureContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MemberSignInCallback));
}
