using Microsoft.Playwright;
using OtpNet;

namespace FlashSaleUI.Tests.Browser;

/// <summary>Operators are people, in a real browser: an admin adds one, who changes the one-time password and closes a
/// sale under their own name; two-factor sign-in with an authenticator's code; a viewer sees no action and the API
/// refuses them too.</summary>
[Collection(TimingSensitive.Name)]
public sealed class OperatorAccountsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly LocatorAssertionsToHaveTextOptions Quick = new() { Timeout = 5_000 };

    [Fact]
    public async Task An_admin_adds_an_operator_who_changes_the_one_time_password_and_closes_a_sale_under_their_name()
    {
        var code = TestCodes.New("PEOPLE");
        await app.OperatorClient().CreateEventAsync(code, stock: 10);

        // the admin adds frank as an operator and reads the one-time password off the page
        var admin = await app.SignedInOperatorAsync();
        await admin.ClickAsync("[data-testid=nav-accounts]");
        await admin.WaitForURLAsync("**/operator/accounts");
        await Assertions.Expect(admin.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await admin.FillAsync("[data-field=new-user] input", "frank");
        await admin.Locator("[data-field=new-user] input").PressAsync("Tab");
        await admin.ClickAsync("[data-testid=add-account]");
        var oneTimeShown = admin.Locator("[data-testid=one-time-password] code");
        await Assertions.Expect(oneTimeShown).ToBeVisibleAsync(new() { Timeout = 5_000 });
        var oneTime = await oneTimeShown.TextContentAsync();
        await Assertions.Expect(admin.Locator("td[data-user=frank]")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(admin, "console-accounts");

        // frank signs in, is sent to change the password first, then closes the sale
        var frank = await app.NewPageAsync();
        await frank.GotoAsync("/login");
        await frank.FillAsync("input[name=user]", "frank");
        await frank.FillAsync("input[name=password]", oneTime!);
        await frank.ClickAsync("button[type=submit]");
        await frank.WaitForURLAsync("**/operator/account");
        await Assertions.Expect(frank.Locator("[data-testid=must-change]")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(frank, "console-my-account");
        await frank.FillAsync("input[name=current]", oneTime!);
        await frank.FillAsync("input[name=next]", "frank-own-password");
        await frank.ClickAsync("[data-testid=password-form] button[type=submit]");
        await Assertions.Expect(frank.Locator("[data-testid=account-done]"))
            .ToContainTextAsync("Password changed", new() { Timeout = 5_000 });
        await frank.GotoAsync($"/operator/events/{code}");
        await Assertions.Expect(frank.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await frank.ClickAsync("[data-testid=close]");
        await BrowserApp.ConfirmAsync(frank, "Close sale");
        await Assertions.Expect(frank.Locator(".mud-snackbar")).ToContainTextAsync($"{code} is closed", new() { Timeout = 5_000 });

        var audit = await (await app.OperatorClient().GetAsync($"/api/events/{code}/audit")).JsonAsync();
        var close = audit.EnumerateArray().First(a => a.GetProperty("action").GetString() == "close");
        Assert.Equal(("frank", "password"), (close.GetProperty("actor").GetString(), close.GetProperty("via").GetString()));
    }

    [Fact]
    public async Task An_operator_turns_on_two_factor_sign_in_and_then_signs_in_with_the_authenticator_code()
    {
        var (user, password, _) = await app.AccountWithTokenAsync("operator");
        var page = await SignInAsync(user, password);
        await page.WaitForURLAsync("**/operator");

        // My account: the QR code and its key; the code an authenticator computes from the key turns it on
        await page.GotoAsync("/operator/account");
        // typed into the prerendered page, the code would be lost when the circuit attaches
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=authenticator-qr] svg")).ToBeVisibleAsync();
        var key = await page.Locator("[data-testid=authenticator-key]").TextContentAsync();
        var authenticator = new Totp(Base32Encoding.ToBytes(key!.Trim()));
        await page.FillAsync("[data-testid=two-factor-form] input[name=code]", authenticator.ComputeTotp());
        await page.ClickAsync("[data-testid=two-factor-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=recovery-codes]")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await BrowserApp.ScreenshotAsync(page, "console-recovery-codes");
        // the codes as a text file, made in the browser from the page itself
        var shown = await page.Locator("[data-testid=recovery-codes] code").AllTextContentsAsync();
        Assert.Equal(10, shown.Count);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-recovery-codes]"));
        Assert.Equal("flashsale-recovery-codes.txt", download.SuggestedFilename);
        var saved = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.All(shown, code => Assert.Contains(code, saved));

        // signing in again: the password alone leads to the code page, and a wrong code is refused
        var again = await SignInAsync(user, password);
        await again.WaitForURLAsync("**/login/two-factor**");
        await again.FillAsync("input[name=code]", "000000" == authenticator.ComputeTotp() ? "111111" : "000000");
        await again.ClickAsync("button[type=submit]");
        await Assertions.Expect(again.Locator("[role=alert]")).ToContainTextAsync("not right", new() { Timeout = 5_000 });
        await again.FillAsync("input[name=code]", authenticator.ComputeTotp());
        await again.ClickAsync("button[type=submit]");
        await again.WaitForURLAsync("**/operator");
        await again.GotoAsync("/operator/account");
        await Assertions.Expect(again.Locator("[data-testid=account-name]")).ToHaveTextAsync(user, Quick);
        await Assertions.Expect(again.Locator("[data-testid=two-factor-on]")).ToBeVisibleAsync();
    }

    private async Task<IPage> SignInAsync(string user, string password)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=user]", user);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        return page;
    }

    [Fact]
    public async Task A_viewer_sees_no_close_button_and_the_api_refuses_them()
    {
        var code = TestCodes.New("VIEW");
        await app.OperatorClient().CreateEventAsync(code, stock: 10);
        var (user, password, token) = await app.AccountWithTokenAsync("viewer");

        var viewer = await app.NewPageAsync();
        await viewer.GotoAsync("/login");
        await viewer.FillAsync("input[name=user]", user);
        await viewer.FillAsync("input[name=password]", password);
        await viewer.ClickAsync("button[type=submit]");
        await viewer.WaitForURLAsync("**/operator");
        await viewer.GotoAsync($"/operator/events/{code}");
        await Assertions.Expect(viewer.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(viewer.Locator("[data-stat=issued]")).ToHaveTextAsync("0", Quick); // the numbers: yes
        await Assertions.Expect(viewer.Locator("[data-testid=close]")).ToHaveCountAsync(0);     // the actions: no
        await Assertions.Expect(viewer.Locator("[data-testid=nav-accounts]")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(viewer, "console-viewer");

        var api = app.ClientWithToken(token);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/events/{code}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/events/{code}")).StatusCode);
    }
}
