using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FlashSaleUI.Tests.Browser;

/// <summary>Sale night in the browser: the member's coupon code, the winners and their export, a top-up, the audit.</summary>
[Collection(TimingSensitive.Name)]
public sealed partial class OperatorFeaturesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly LocatorAssertionsToHaveTextOptions Quick = new() { Timeout = 5_000 };

    [GeneratedRegex("^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex CouponCodeShape();

    private Task<long> StoredAsync(string code) =>
        app.Database.ScalarAsync($"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'");

    [Fact]
    public async Task A_member_sees_their_coupon_code_and_finds_it_again_later()
    {
        var code = TestCodes.New("CODE");
        await app.OperatorClient().CreateEventAsync(code, stock: 5);
        var member = await app.NewPageAsync(390, 844);
        await member.GotoAsync($"/claim/{code}");
        await member.FillAsync("#member", "alice");
        await member.ClickAsync("#local-sign-in-button");
        await member.ClickAsync("#claim-button");
        var shown = member.Locator("#claim-result .claim-issued [data-coupon]");
        await Assertions.Expect(shown).ToHaveTextAsync(CouponCodeShape(), new() { Timeout = 5_000 });
        var couponCode = await shown.TextContentAsync();
        await BrowserApp.ScreenshotAsync(member, "member-coupon");

        await Eventually.HoldsAsync(async () => await StoredAsync(code) == 1, TimeSpan.FromSeconds(30),
            () => Task.FromResult("not stored"));
        await member.ReloadAsync(); // later, on a fresh page: the sign-in (the ticket) is kept by the browser
        await Assertions.Expect(member.Locator("#signed-in-member")).ToHaveTextAsync("alice", Quick);
        await member.ClickAsync("#lookup-button");
        await Assertions.Expect(member.Locator("#claim-result .claim-found [data-coupon]")).ToHaveTextAsync(couponCode!, Quick);
        await BrowserApp.ScreenshotAsync(member, "member-lookup");

        await member.ClickAsync("#sign-out-button"); // bob, who never claimed, signs in on the same phone
        await member.FillAsync("#member", "bob");
        await member.ClickAsync("#local-sign-in-button");
        await Assertions.Expect(member.Locator("#signed-in-member")).ToHaveTextAsync("bob", Quick);
        await member.ClickAsync("#lookup-button");
        await Assertions.Expect(member.Locator("#claim-result .claim-notStored")).ToContainTextAsync("No coupon found",
            new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task An_operator_pages_the_winners_and_exports_a_csv_equal_to_the_database()
    {
        var code = TestCodes.New("WINR");
        await app.OperatorClient().CreateEventAsync(code, stock: 120);
        var claims = app.Services.GetRequiredService<IClaimService>();
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => claims.ClaimAsync(EventCode.Parse(code),
            MemberId.Parse($"winner-{i:D3}"))));
        await Eventually.HoldsAsync(async () => await StoredAsync(code) == 120, TimeSpan.FromSeconds(30),
            () => Task.FromResult("not stored"));

        var console = await app.SignedInOperatorAsync();
        await console.GotoAsync($"/operator/events/{code}");
        await Assertions.Expect(console.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await console.ClickAsync(".mud-tab:has-text('Winners')");
        var winners = console.Locator("[data-testid=winners]");
        await Assertions.Expect(winners.Locator("[data-testid=winners-count]")).ToHaveTextAsync("120 stored", Quick);
        await Assertions.Expect(winners.Locator("tbody tr")).ToHaveCountAsync(50, new() { Timeout = 5_000 });
        await BrowserApp.ScreenshotAsync(console, "console-winners");

        // a search narrows it to the members it names
        await winners.Locator("[data-field=member-search] input").FillAsync("winner-11");
        await winners.Locator("[data-field=member-search] input").PressAsync("Enter");
        await Assertions.Expect(winners.Locator("tbody tr")).ToHaveCountAsync(10, new() { Timeout = 5_000 });
        await Assertions.Expect(winners.Locator("[data-testid=winners-count]")).ToHaveTextAsync("10 stored matching", Quick);

        var download = await console.RunAndWaitForDownloadAsync(() => winners.Locator("[data-testid=export-csv]").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"{code}.csv");
        await download.SaveAsAsync(path);
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToList();
        File.Delete(path);
        var rows = await app.Database.RowsAsync($"""
            SELECT member_id, coupon_code, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
            FROM coupon_issues WHERE event_code = '{code}' ORDER BY issued_at, member_id
            """);
        Assert.Equal("memberId,couponCode,issuedAt", lines[0]);
        Assert.Equal(rows.Select(r => string.Join(',', r)), lines.Skip(1));
    }

    [Fact]
    public async Task A_top_up_from_the_dashboard_reopens_a_sold_out_sale_while_claims_run()
    {
        var code = TestCodes.New("TOPUP");
        await app.OperatorClient().CreateEventAsync(code, stock: 200);
        var console = await app.SignedInOperatorAsync();
        await console.GotoAsync($"/operator/events/{code}");
        await Assertions.Expect(console.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        var claims = app.Services.GetRequiredService<IClaimService>();
        var eventCode = EventCode.Parse(code);
        var granted = 0;
        using var stop = new CancellationTokenSource();
        var crowd = Task.Run(async () =>
        {
            for (var wave = 0; !stop.IsCancellationRequested; wave++)
            {
                var results = await Task.WhenAll(Enumerable.Range(wave * 50, 50).Select(i => claims.ClaimAsync(eventCode,
                    MemberId.Parse($"c{i}"))));
                Interlocked.Add(ref granted, results.Count(r => r.Status == ClaimStatus.Issued));
                await Task.Delay(20);
            }
        });
        await Assertions.Expect(console.Locator(".sellout .state")).ToHaveTextAsync("Sold out", new() { Timeout = 15_000 });

        await console.FillAsync("[data-field=topup] input", "300");
        await console.ClickAsync("[data-testid=topup]");
        await Assertions.Expect(console.Locator(".mud-snackbar")).ToContainTextAsync("Added 300", new() { Timeout = 5_000 });
        await Assertions.Expect(console.Locator("[data-stat=issued]")).ToHaveTextAsync("500", new() { Timeout = 15_000 });
        await Assertions.Expect(console.Locator(".sellout .state")).ToHaveTextAsync("Sold out", Quick);
        stop.Cancel();
        await crowd;
        Assert.Equal(500, granted);
        await BrowserApp.ScreenshotAsync(console, "console-topup");
    }

    [Fact]
    public async Task The_audit_list_shows_each_action_with_who_did_it()
    {
        var code = TestCodes.New("AUDIT");
        await app.OperatorClient().CreateEventAsync(code, stock: 50, opensAt: DateTimeOffset.UtcNow.AddHours(1));
        var console = await app.SignedInOperatorAsync();
        await console.GotoAsync($"/operator/events/{code}");
        await Assertions.Expect(console.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        await console.ClickAsync("[data-testid=edit]");
        await console.FillAsync("[data-field=edit-name] input", "Renamed in the console");
        await console.ClickAsync("[data-testid=save-edit]");
        await Assertions.Expect(console.Locator("h1")).ToContainTextAsync("Renamed in the console", new() { Timeout = 5_000 });
        await console.ClickAsync("[data-testid=open]");
        await Assertions.Expect(console.Locator(".sellout .state")).ToHaveTextAsync("Open", Quick);
        await console.FillAsync("[data-field=topup] input", "25");
        await console.ClickAsync("[data-testid=topup]");
        await Assertions.Expect(console.Locator(".mud-snackbar").Last).ToContainTextAsync("Added 25", new() { Timeout = 5_000 });
        await console.ClickAsync("[data-testid=close]");
        await BrowserApp.ConfirmAsync(console, "Close sale");
        await Assertions.Expect(console.Locator(".sellout .state")).ToHaveTextAsync("Closed", Quick);

        await console.ClickAsync(".mud-tab:has-text('Audit')");
        var audit = console.Locator("[data-testid=audit] tbody tr");
        await Assertions.Expect(audit).ToHaveCountAsync(5, new() { Timeout = 5_000 });
        var actions = await console.Locator("[data-testid=audit] tbody tr").EvaluateAllAsync<string[]>(
            "rows => rows.map(r => r.dataset.action)");
        Assert.Equal(["close", "topUp", "open", "edit", "create"], actions);
        await Assertions.Expect(console.Locator("[data-testid=audit] tr[data-action=topUp]")).ToContainTextAsync("stock 50 → 75");
        await Assertions.Expect(console.Locator("[data-testid=audit] tr[data-action=edit]")).ToContainTextAsync(AppFactory.OperatorUser);
        await BrowserApp.ScreenshotAsync(console, "console-audit");
    }
}
