using FlashSaleUI.Security.Operators;
using Microsoft.Playwright;

namespace FlashSaleUI.Tests.Browser;

/// <summary>The app with operator single sign-on through a real OpenID Connect provider started by the test, whose
/// accounts are in the group mapped to the operator role.</summary>
public sealed class SingleSignOnApp() : ProviderBrowserApp(OperatorSingleSignOn.CallbackPath, OperatorsGroup, "everyone")
{
    public const string OperatorsGroup = "flashsale-operators";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Operators:Oidc:Authority"] = Provider.Issuer,
        ["Operators:Oidc:ClientId"] = OidcProviderProcess.ClientId,
        ["Operators:Oidc:ClientSecret"] = OidcProviderProcess.ClientSecret,
        ["Operators:Oidc:RequireHttpsMetadata"] = "false",
        ["Operators:Oidc:RoleClaim"] = "groups",
        ["Operators:Oidc:Roles:operator"] = OperatorsGroup,
        ["Operators:Oidc:Roles:admin"] = "flashsale-admins",
    };
}

[Collection(TimingSensitive.Name)]
public sealed class OperatorSingleSignOnTests(SingleSignOnApp app) : IClassFixture<SingleSignOnApp>
{
    [Fact]
    public async Task An_operator_signs_in_through_the_company_provider_with_the_role_of_the_mapped_group()
    {
        var code = TestCodes.New("SSO");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");
        await page.ClickAsync("[data-testid=sso]");
        await app.Provider.SignInAsync(page, "grace", $"{app.BaseUrl}/operator");

        // linked to a local account with the operator role (the mapped group): it may close a sale, not manage accounts
        await page.GotoAsync($"/operator/events/{code}");
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=nav-accounts]")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=close]");
        await BrowserApp.ConfirmAsync(page, "Close sale");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"{code} is closed", new() { Timeout = 5_000 });

        var accounts = await (await app.OperatorClient().GetAsync("/api/accounts")).JsonAsync();
        var linked = accounts.EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "sso-grace");
        Assert.Equal("operator", linked.GetProperty("role").GetString());
        var close = (await (await app.OperatorClient().GetAsync($"/api/events/{code}/audit")).JsonAsync()).EnumerateArray()
            .First(a => a.GetProperty("action").GetString() == "close");
        Assert.Equal(("sso-grace", "sso"), (close.GetProperty("actor").GetString(), close.GetProperty("via").GetString()));
    }
}
