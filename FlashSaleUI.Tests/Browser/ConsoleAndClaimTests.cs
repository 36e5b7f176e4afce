using System.Diagnostics;
using Microsoft.Playwright;

namespace FlashSaleUI.Tests.Browser;

[Collection(TimingSensitive.Name)]
public sealed class ConsoleAndClaimTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly LocatorAssertionsToHaveTextOptions Quick = new() { Timeout = 5_000 };

    [Fact]
    public async Task An_operator_creates_an_event_and_sees_member_claims_live()
    {
        // the console sends an anonymous visitor to sign in, then back
        var console = await app.NewPageAsync();
        var consoleCsp = BrowserApp.WatchCspViolations(console);
        await console.GotoAsync("/operator");
        Assert.Contains("/login", console.Url);
        await BrowserApp.ScreenshotAsync(console, "login");
        await console.FillAsync("input[name=user]", AppFactory.OperatorUser);
        await console.FillAsync("input[name=password]", AppFactory.OperatorPassword);
        await console.ClickAsync("button[type=submit]");
        await console.WaitForURLAsync("**/operator");
        await Assertions.Expect(console.Locator("[data-interactive=true]")).ToBeVisibleAsync(); // the circuit is attached

        // create an event through the form
        var code = TestCodes.New("WEB");
        await console.FillAsync("[data-field=code] input", code);
        await console.FillAsync("[data-field=name] input", "Browser sale");
        await console.FillAsync("[data-field=stock] input", "3");
        await console.Locator("[data-field=stock] input").PressAsync("Tab");
        await console.ClickAsync("[data-testid=create]");
        await Assertions.Expect(console.Locator(".mud-snackbar")).ToContainTextAsync($"Event {code} created", new() { Timeout = 5_000 });
        var row = console.Locator($"tr:has([data-code='{code}'])");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(console, "console-events");

        // its dashboard
        await row.Locator("a").First.ClickAsync();
        await console.WaitForURLAsync($"**/operator/events/{code}");
        var issued = console.Locator("[data-stat=issued]");
        await Assertions.Expect(issued).ToHaveTextAsync("0", Quick);

        // a member, on a phone, in another browser context
        var member = await app.NewPageAsync(390, 844);
        var memberCsp = BrowserApp.WatchCspViolations(member);
        await member.GotoAsync($"/claim/{code}");
        await Assertions.Expect(member.Locator("#live.on")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        // local sign-in, labelled as such: no claim button before it
        await Assertions.Expect(member.Locator("#local-sign-in")).ToContainTextAsync("Test members: no identity provider");
        await Assertions.Expect(member.Locator("#claim-button")).ToBeHiddenAsync();
        await BrowserApp.ScreenshotAsync(member, "member-sign-in");
        await ClaimAsync(member, "alice");
        await Assertions.Expect(member.Locator(".signed-in-line")).ToContainTextAsync("Signed in as alice");
        await Assertions.Expect(member.Locator("#claim-result .claim-issued")).ToBeVisibleAsync();
        var aliceCoupon = await member.Locator("#claim-result [data-coupon]").TextContentAsync();
        var claimed = Stopwatch.StartNew();
        await Assertions.Expect(issued).ToHaveTextAsync("1", new() { Timeout = 1_000 }); // live, no reload, within 1 s
        Assert.True(claimed.Elapsed < TimeSpan.FromSeconds(1), $"dashboard showed the claim after {claimed.ElapsedMilliseconds} ms");
        await BrowserApp.ScreenshotAsync(member, "member-issued");

        await ClaimAsync(member, "alice");
        await Assertions.Expect(member.Locator("#claim-result .claim-duplicate")).ToContainTextAsync("Already claimed");
        await BrowserApp.ScreenshotAsync(member, "member-duplicate");

        // "Find my coupon" asks with the ticket and shows the member's own code once it is stored
        var found = member.Locator("#claim-result .claim-found [data-coupon]");
        for (var attempt = 0; attempt < 20 && await found.CountAsync() == 0; attempt++)
        {
            await member.ClickAsync("#lookup-button");
            await Assertions.Expect(member.Locator("#lookup-button")).ToBeEnabledAsync();
            if (await found.CountAsync() == 0) await member.WaitForTimeoutAsync(250);
        }
        await Assertions.Expect(found).ToHaveTextAsync(aliceCoupon!, Quick);

        await ClaimAsync(member, "bob");
        await ClaimAsync(member, "carol");
        await Assertions.Expect(member.Locator("#remaining")).ToHaveTextAsync("0", Quick);
        await ClaimAsync(member, "dave");
        await Assertions.Expect(member.Locator("#claim-result .claim-soldOut")).ToContainTextAsync("Sold out");
        await Assertions.Expect(member.Locator(".state-line .state")).ToHaveTextAsync("Sold out", Quick); // live from the hub
        await BrowserApp.ScreenshotAsync(member, "member-sold-out");
        await Assertions.Expect(issued).ToHaveTextAsync("3", Quick);
        await Assertions.Expect(console.Locator(".sellout .state")).ToHaveTextAsync("Sold out", Quick);

        // the pages work under the content security policy: nothing was blocked
        Assert.Empty(consoleCsp);
        Assert.Empty(memberCsp);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_away_from_the_console_and_cannot_call_operator_apis()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/operator/events/ANY-EVENT");
        Assert.Contains("/login", page.Url);
        await page.GotoAsync("/operator");
        Assert.Contains("/login", page.Url);
        var status = await page.EvaluateAsync<int>("""
            fetch('/api/events', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                   body: JSON.stringify({ code: 'SNEAK', name: 'x', stock: 5 }) }).then(r => r.status)
            """);
        Assert.Equal(401, status);
        Assert.Equal(401, await page.EvaluateAsync<int>("fetch('/api/events').then(r => r.status)"));
        Assert.Equal(0, await app.Database.ScalarAsync("SELECT count(*) FROM flash_sale_events WHERE code = 'SNEAK'"));
    }

    [Fact]
    public async Task The_member_page_explains_every_other_outcome()
    {
        var operatorApi = app.OperatorClient();
        var later = TestCodes.New("SOON");
        await operatorApi.CreateEventAsync(later, stock: 10, opensAt: DateTimeOffset.UtcNow.AddHours(3));
        var open = TestCodes.New("OPEN");
        await operatorApi.CreateEventAsync(open, stock: 100);
        var member = await app.NewPageAsync(390, 844);

        await member.GotoAsync($"/claim/{later}");
        await ClaimAsync(member, "early-bird");
        await Assertions.Expect(member.Locator("#claim-result .claim-notOpen")).ToContainTextAsync("Not open yet");
        await Assertions.Expect(member.Locator("#claim-result time")).ToHaveAttributeAsync("datetime",
            new System.Text.RegularExpressions.Regex("^20"));
        await BrowserApp.ScreenshotAsync(member, "member-not-open");

        await member.GotoAsync("/claim/NO-SUCH-SALE");
        await Assertions.Expect(member.Locator(".claim-notFound")).ToContainTextAsync("Unknown sale");
        await BrowserApp.ScreenshotAsync(member, "member-unknown-event");

        await member.GotoAsync($"/claim/{open}");
        for (var i = 0; i < 6; i++) await ClaimAsync(member, "hammer");
        await Assertions.Expect(member.Locator("#claim-result .claim-rateLimited")).ToContainTextAsync("Too many attempts");
        await BrowserApp.ScreenshotAsync(member, "member-rate-limited");

        await member.RouteAsync("**/claims", route => route.AbortAsync());
        await ClaimAsync(member, "offline");
        await Assertions.Expect(member.Locator("#claim-result .claim-networkError")).ToContainTextAsync("Network problem");
        await BrowserApp.ScreenshotAsync(member, "member-network-error");

        // the server's own answers when Redis is not answering (or the instance is stopping), and an unexpected 500
        await member.UnrouteAsync("**/claims");
        await member.RouteAsync("**/claims", route => route.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/json", Body = """{"status":"unavailable"}""",
        }));
        await ClaimAsync(member, "in-an-outage");
        await Assertions.Expect(member.Locator("#claim-result .claim-unavailable")).ToContainTextAsync("Busy: try again");
        await BrowserApp.ScreenshotAsync(member, "member-busy");
        await member.UnrouteAsync("**/claims");
        await member.RouteAsync("**/claims", route => route.FulfillAsync(new()
        {
            Status = 500, ContentType = "application/problem+json", Body = """{"title":"An error occurred","status":500}""",
        }));
        await ClaimAsync(member, "on-a-bad-day");
        await Assertions.Expect(member.Locator("#claim-result .claim-networkError")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_dashboard_mid_sale()
    {
        var code = TestCodes.New("LIVE");
        await app.OperatorClient().CreateEventAsync(code, stock: 30_000);
        var console = await app.SignedInOperatorAsync();
        await console.GotoAsync($"/operator/events/{code}");
        await Assertions.Expect(console.Locator("[data-stat=issued]")).ToHaveTextAsync("0", Quick);

        // a crowd: about 3,000 claims a second for 5 s, some of them repeats
        var claims = app.Services.GetRequiredService<IClaimService>();
        var eventCode = EventCode.Parse(code);
        for (var wave = 0; wave < 50; wave++)
        {
            await Task.WhenAll(Enumerable.Range(wave * 300, 300).Select(i => claims.ClaimAsync(eventCode,
                MemberId.Parse($"crowd{i % 12_000}"))));
            await Task.Delay(100);
        }
        await Assertions.Expect(console.Locator("[data-stat=issued]")).ToHaveTextAsync("12,000", Quick);
        await console.WaitForTimeoutAsync(600); // one more chart redraw
        await BrowserApp.ScreenshotAsync(console, "console-dashboard");
        Assert.True(await console.Locator("[data-chart=burn-down] svg path").CountAsync() > 0, "the burn-down chart drew nothing");
        Assert.True(await console.Locator("[data-chart=rates] svg path").CountAsync() > 0, "the rates chart drew nothing");

        // dark mode, kept by the browser across pages
        await console.ClickAsync("[data-testid=dark-toggle]");
        await Assertions.Expect(console.Locator("[data-dark=true]")).ToHaveCountAsync(1, new() { Timeout = 5_000 });
        await console.WaitForTimeoutAsync(300);
        await BrowserApp.ScreenshotAsync(console, "console-dashboard-dark");
        await console.ReloadAsync();
        await Assertions.Expect(console.Locator("[data-dark=true]")).ToHaveCountAsync(1, new() { Timeout = 5_000 });
        await console.ClickAsync("[data-testid=dark-toggle]"); // back to light for the other screenshots
        await Assertions.Expect(console.Locator("[data-dark=false]")).ToHaveCountAsync(1, new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task Closing_a_sale_asks_first_and_then_turns_members_away()
    {
        var code = TestCodes.New("SHUT");
        await app.OperatorClient().CreateEventAsync(code, stock: 10);
        var console = await app.SignedInOperatorAsync();
        await console.GotoAsync($"/operator/events/{code}");
        await Assertions.Expect(console.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        // cancelling the confirmation changes nothing
        await console.ClickAsync("[data-testid=close]");
        var dialog = await BrowserApp.ReadyDialogAsync(console);
        await Assertions.Expect(dialog).ToContainTextAsync("Close this sale?");
        await BrowserApp.ScreenshotAsync(console, "console-close-confirmation");
        await dialog.GetByText("Cancel").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        var claims = app.Services.GetRequiredService<IClaimService>();
        Assert.Equal(ClaimStatus.Issued, (await claims.ClaimAsync(EventCode.Parse(code), MemberId.Parse("before-close"))).Status);

        // confirming closes it: the operator is told, and members are refused
        await console.ClickAsync("[data-testid=close]");
        await BrowserApp.ConfirmAsync(console, "Close sale");
        await Assertions.Expect(console.Locator(".mud-snackbar")).ToContainTextAsync($"{code} is closed", new() { Timeout = 5_000 });
        await Assertions.Expect(console.Locator(".sellout .state")).ToHaveTextAsync("Closed", Quick);
        Assert.Equal(ClaimStatus.NotOpen, (await claims.ClaimAsync(EventCode.Parse(code), MemberId.Parse("after-close"))).Status);
    }

    /// <summary>Signs <paramref name="memberId"/> in through local sign-in (signing out whoever was), then claims.</summary>
    private static async Task ClaimAsync(IPage member, string memberId)
    {
        await SignInAsync(member, memberId);
        var response = member.WaitForResponseAsync(r => r.Url.Contains("/claims"), new() { Timeout = 5_000 });
        await member.ClickAsync("#claim-button");
        try { await response; } catch (TimeoutException) { } // an aborted request has no response
        await Assertions.Expect(member.Locator("#claim-button")).ToBeEnabledAsync();
    }

    private static async Task SignInAsync(IPage member, string memberId)
    {
        if (await member.Locator("#signed-in").IsVisibleAsync())
        {
            if (await member.Locator("#signed-in-member").TextContentAsync() == memberId) return;
            await member.ClickAsync("#sign-out-button");
        }
        await member.FillAsync("#member", memberId);
        await member.ClickAsync("#local-sign-in-button");
        await Assertions.Expect(member.Locator("#signed-in-member")).ToHaveTextAsync(memberId, Quick);
    }
}
