namespace FlashSaleUI.Security;

/// <summary>The client address that per-address limits are keyed by ("unknown" when the server does not know it).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
