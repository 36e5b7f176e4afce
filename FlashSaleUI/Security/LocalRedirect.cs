namespace FlashSaleUI.Security;

public static class LocalRedirect
{
    /// <summary>A path on this site, by the framework's rule for local URLs ("/x" but not "//x" or "/\x", or "~/x"),
    /// with no control character or backslash anywhere: browsers ignore tabs and newlines and read "\" as "/", so
    /// "/\t/evil.example" or "/\evil" would leave the site.</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Any(c => char.IsControl(c) || c == '\\')) return false;
        if (url[0] == '/') return url.Length == 1 || url[1] != '/';
        return url.Length > 1 && url[0] == '~' && url[1] == '/' && (url.Length == 2 || url[2] != '/');
    }
}
