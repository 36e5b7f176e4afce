namespace FlashSaleUI.Security;

/// <summary>The Authorization header, read one way everywhere: which scheme it names ("Bearer", "Basic", case-insensitive
/// as RFC 9110 says) and the credential after it.</summary>
public static class AuthorizationHeader
{
    public const string Bearer = "Bearer";
    public const string Basic = "Basic";

    /// <summary>Whether the header names <paramref name="scheme"/>, with or without a credential after it.</summary>
    public static bool Names(HttpRequest request, string scheme) => Names(request.Headers.Authorization.ToString(), scheme);

    /// <summary>The credential after <paramref name="scheme"/>, trimmed: null when the header names another scheme or
    /// none, empty when it names this one alone.</summary>
    public static string? Credential(HttpRequest request, string scheme)
    {
        var header = request.Headers.Authorization.ToString();
        return Names(header, scheme) ? header[scheme.Length..].Trim() : null;
    }

    /// <summary>The same without copying the credential (the claim's hot path); empty when there is none.</summary>
    public static ReadOnlySpan<char> CredentialSpan(HttpRequest request, string scheme)
    {
        var header = request.Headers.Authorization.ToString();
        return Names(header, scheme) ? header.AsSpan(scheme.Length).Trim() : default;
    }

    private static bool Names(string header, string scheme) =>
        header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
        && (header.Length == scheme.Length || header[scheme.Length] == ' ');
}
