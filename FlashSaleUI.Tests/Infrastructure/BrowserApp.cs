using Microsoft.Playwright;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The app on Kestrel, and Debian's Chromium driven by Playwright (never a downloaded browser).
/// Screenshots go to $FLASHSALE_SCREENSHOTS (./test.sh points it at docs/screenshots) or a temp folder.</summary>
public class BrowserApp : KestrelApp
{
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public static string ScreenshotDir { get; } = Environment.GetEnvironmentVariable("FLASHSALE_SCREENSHOTS") is { Length: > 0 } dir
        ? dir : Path.Combine(Path.GetTempPath(), "flashsale-screenshots");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDir);
    }

    /// <summary>A fresh browser context (its own cookies) on this app, or on <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(int width = 1400, int height = 900, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = baseUrl ?? BaseUrl,
        });
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInOperatorAsync(string? baseUrl = null)
    {
        var page = await NewPageAsync(baseUrl: baseUrl);
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=user]", OperatorUser);
        await page.FillAsync("input[name=password]", OperatorPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/operator");
        // a link clicked before the circuit attaches races the events page's own start (the next page can end up
        // replaced by it): every test starts from the interactive events page
        await Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Collects what the page's console says about the content security policy from now on.</summary>
    public static List<string> WatchCspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (!message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) return;
            lock (violations) violations.Add(message.Text);
        };
        return violations;
    }

    /// <summary>The open confirmation, once it is ready for a click. The message box focuses its yes button after its
    /// last render: a click that landed before was once lost (the dialog stayed open, nothing logged).</summary>
    public static async Task<ILocator> ReadyDialogAsync(IPage page)
    {
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator(".mud-message-box__yes-button")).ToBeFocusedAsync(new() { Timeout = 5_000 });
        return dialog;
    }

    /// <summary>Answers the open confirmation with its yes button, once ready, and waits until it has closed.</summary>
    public static async Task ConfirmAsync(IPage page, string yes)
    {
        var dialog = await ReadyDialogAsync(page);
        var button = dialog.Locator(".mud-message-box__yes-button");
        await Assertions.Expect(button).ToHaveTextAsync(yes);
        await button.ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0, new() { Timeout = 5_000 });
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public override async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await base.DisposeAsync();
    }
}
