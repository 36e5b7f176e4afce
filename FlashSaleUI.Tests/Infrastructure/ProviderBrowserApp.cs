namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>A browser app with a real OpenID Connect provider (npm oidc-provider) started beside it, whose accounts
/// are in <paramref name="groups"/> and which sends them back to <paramref name="callbackPath"/>.</summary>
public abstract class ProviderBrowserApp(string callbackPath, params string[] groups) : BrowserApp
{
    public OidcProviderProcess Provider { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Provider = await OidcProviderProcess.StartAsync($"{BaseUrl}{callbackPath}", groups);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
