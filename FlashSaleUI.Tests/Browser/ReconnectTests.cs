using Microsoft.Playwright;

namespace FlashSaleUI.Tests.Browser;

[Collection(TimingSensitive.Name)]
public sealed class ReconnectTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_dashboard_survives_an_app_restart_through_the_reconnect_dialog()
    {
        var first = new KestrelApp();
        await first.InitializeAsync();
        KestrelApp? second = null;
        try
        {
            var code = TestCodes.New("BACK");
            await first.OperatorClient().CreateEventAsync(code, stock: 50);
            var console = await browser.SignedInOperatorAsync(first.BaseUrl);
            await console.GotoAsync($"/operator/events/{code}");
            await Assertions.Expect(console.Locator("[data-interactive=true]")).ToBeVisibleAsync();
            await Assertions.Expect(console.Locator("[data-stat=issued]")).ToHaveTextAsync("0", new() { Timeout = 5_000 });

            // the app stops: the operator is told the numbers are paused
            await first.StopAsync();
            var dialog = console.Locator("#components-reconnect-modal[open]");
            await Assertions.Expect(dialog).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(dialog).ToContainTextAsync("Reconnecting");
            await BrowserApp.ScreenshotAsync(console, "console-reconnecting");

            // it starts again on the same port: the page moves to a new circuit and is live again, with no click
            second = new KestrelApp(restartOf: first);
            await second.InitializeAsync();
            // retries every second
            await Assertions.Expect(console.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            await Assertions.Expect(console.Locator("[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var claims = second.Services.GetRequiredService<IClaimService>();
            Assert.Equal(ClaimStatus.Issued, (await claims.ClaimAsync(EventCode.Parse(code), MemberId.Parse("after-restart"))).Status);
            await Assertions.Expect(console.Locator("[data-stat=issued]")).ToHaveTextAsync("1", new() { Timeout = 5_000 });
        }
        finally
        {
            if (second is not null) await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }
}
