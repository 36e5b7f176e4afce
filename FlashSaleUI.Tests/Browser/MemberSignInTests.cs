using FlashSaleUI.Security.Members;
using Microsoft.Playwright;

namespace FlashSaleUI.Tests.Browser;

/// <summary>The app with member sign-in through a real OpenID Connect provider started by the test.</summary>
public sealed class ProviderSignInApp() : ProviderBrowserApp(MemberSignIn.CallbackPath)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Members:LocalSignIn"] = "false",
        ["Members:Oidc:Authority"] = Provider.Issuer,
        ["Members:Oidc:ClientId"] = OidcProviderProcess.ClientId,
        ["Members:Oidc:ClientSecret"] = OidcProviderProcess.ClientSecret,
        ["Members:Oidc:RequireHttpsMetadata"] = "false",
    };
}

[Collection(TimingSensitive.Name)]
public sealed class MemberSignInTests(ProviderSignInApp app) : IClassFixture<ProviderSignInApp>
{
    [Fact]
    public async Task A_member_signs_in_at_the_identity_provider_claims_and_sees_the_coupon()
    {
        var code = TestCodes.New("OIDC");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var member = await app.NewPageAsync(390, 844);
        await member.GotoAsync($"/claim/{code}");
        await Assertions.Expect(member.Locator("#local-sign-in")).ToHaveCountAsync(0); // an identity provider: no test members
        await member.ClickAsync("#provider-sign-in");

        // the provider's own pages: sign in (authorization code flow with PKCE), then consent; back with a ticket
        await app.Provider.SignInAsync(member, "shopper-42", $"{app.BaseUrl}/claim/{code}");
        // signed in as the provider's subject, the ticket gone from the URL
        await Assertions.Expect(member.Locator("#signed-in-member")).ToHaveTextAsync("shopper-42", new() { Timeout = 5_000 });
        Assert.DoesNotContain("ticket", member.Url);
        await member.ClickAsync("#claim-button");
        await Assertions.Expect(member.Locator("#claim-result .claim-issued")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        var coupon = await member.Locator("#claim-result [data-coupon]").TextContentAsync();
        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$", coupon);
        await BrowserApp.ScreenshotAsync(member, "member-signed-in-provider");

        var stored = await Eventually.ValueAsync(() => app.Database.RowsAsync(
            $"SELECT member_id, coupon_code FROM coupon_issues WHERE event_code = '{code}'"), r => r.Count == 1, TimeSpan.FromSeconds(30));
        Assert.Equal(("shopper-42", coupon), (stored[0][0], stored[0][1]));
    }
}
