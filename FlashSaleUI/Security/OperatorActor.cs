using FlashSaleUI.Core.Audit;

namespace FlashSaleUI.Security;

/// <summary>The audit actor of a request: the signed-in operator's name and the client address.</summary>
public static class OperatorActor
{
    public static AuditActor Of(HttpContext http) =>
        AuditActor.From(http.User.Identity?.Name, http.Connection.RemoteIpAddress?.ToString());
}
