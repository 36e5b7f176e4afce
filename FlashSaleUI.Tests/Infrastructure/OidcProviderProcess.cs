using System.Diagnostics;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>A real OpenID Connect provider (npm oidc-provider, Browser/OidcProvider/provider.mjs) on a loopback port:
/// its development sign-in pages take any login and password, and the login becomes the subject. ./test.sh installs
/// its node_modules.</summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    public const string ClientId = "flashsale", ClientSecret = "test-client-secret";
    private readonly Process _process;
    public string Issuer { get; }

    private OidcProviderProcess(Process process, string issuer) => (_process, Issuer) = (process, issuer);

    public static string Folder => Environment.GetEnvironmentVariable("FLASHSALE_OIDC_PROVIDER_DIR") is { Length: > 0 } dir ? dir
        : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Browser", "OidcProvider"));

    /// <param name="redirectUri">the app's callback, the one redirect the provider allows</param>
    /// <param name="groups">the groups every signed-in account is said to belong to</param>
    public static async Task<OidcProviderProcess> StartAsync(string redirectUri, params string[] groups)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "provider.mjs", port.ToString(), ClientId, ClientSecret, redirectUri, string.Join(',', groups) })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        var provider = new OidcProviderProcess(process, $"http://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.HoldsAsync(async () =>
        {
            if (process.HasExited)
                throw new InvalidOperationException($"oidc-provider exited with {process.ExitCode} (npm ci in {Folder}?)");
            try { return (await http.GetAsync($"{provider.Issuer}/.well-known/openid-configuration")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, TimeSpan.FromSeconds(30), () => Task.FromResult("oidc-provider did not start"));
        return provider;
    }

    /// <summary>On the provider's own pages (the page was just sent there): signs in as <paramref name="login"/> (any
    /// password), gives consent if asked, and waits until the browser is back at <paramref name="backTo"/>.</summary>
    public async Task SignInAsync(Microsoft.Playwright.IPage page, string login, string backTo)
    {
        await page.WaitForURLAsync($"{Issuer}/**");
        await page.FillAsync("input[name=login]", login);
        await page.FillAsync("input[name=password]", "anything");
        await page.ClickAsync("button[type=submit]");
        // then its consent page (a form with prompt=consent), or straight back to the app: whichever comes, waited for
        await page.WaitForFunctionAsync("back => location.href.startsWith(back)"
            + " || !!document.querySelector('input[name=prompt][value=consent]')", backTo, new() { Timeout = 15_000 });
        if (page.Url.StartsWith(Issuer, StringComparison.Ordinal))
            await page.ClickAsync("form:has(input[name=prompt][value=consent]) button[type=submit]");
        await page.WaitForURLAsync($"{backTo}**", new() { Timeout = 15_000 });
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
