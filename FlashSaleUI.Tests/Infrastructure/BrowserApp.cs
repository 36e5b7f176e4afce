using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The real app on a real Kestrel port, and Debian's Chromium driven by Playwright (never a downloaded
/// browser). Screenshots go to $FLASHSALE_SCREENSHOTS (./test.sh points it at docs/screenshots) or a temp folder.</summary>
public class BrowserApp : AppFactory
{
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public static string ScreenshotDir { get; } = Environment.GetEnvironmentVariable("FLASHSALE_SCREENSHOTS") is { Length: > 0 } dir
        ? dir : Path.Combine(Path.GetTempPath(), "flashsale-screenshots");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // claims on: the member page must show the per-member limit; the address limit stays out of the way
        ["FlashSale:RateLimit:Enabled"] = "true",
        ["FlashSale:RateLimit:PerMemberPermits"] = "5",
        ["FlashSale:RateLimit:PerAddressPerSecond"] = "100000",
        ["FlashSale:RateLimit:PerAddressBurst"] = "100000",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var port = FreePort();
        UseKestrel(port);
        StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
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

    public async Task<IPage> NewPageAsync(int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
        });
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInOperatorAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=password]", OperatorPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/operator");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public override async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await base.DisposeAsync();
    }
}
