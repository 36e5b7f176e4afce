using Bunit;
using FlashSaleUI.Components.Member;
using FlashSaleUI.Components.Operator;
using FlashSaleUI.Components.Shared;
using FlashSaleUI.Core.Audit;
using FlashSaleUI.Core.Coupons;
using FlashSaleUI.Core.Stats;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace FlashSaleUI.Tests.Components;

public sealed class WinnersTableTests : MudComponentTest
{
    private readonly InMemoryStoredCoupons _coupons = new();
    private static readonly EventCode Code = EventCode.Parse("WIN");

    public WinnersTableTests()
    {
        Services.AddSingleton<IStoredCoupons>(_coupons);
        _coupons.Coupons.AddRange(Enumerable.Range(0, 120).Select(i =>
            new StoredCoupon($"m{i:D3}", $"CODE-{i:D4}-AAAA-BBBB", DateTimeOffset.UnixEpoch.AddSeconds(i))));
    }

    [Fact]
    public void It_shows_a_page_of_winners_with_their_codes_the_count_and_pages_on()
    {
        var table = Render<WinnersTable>(p => p.Add(t => t.Code, Code));
        Assert.Equal(WinnersTable.PageSize, table.FindAll("tbody tr").Count);
        Assert.Equal("120 stored", table.Find("[data-testid=winners-count]").TextContent.Trim());
        Assert.Equal("CODE-0000-AAAA-BBBB", table.Find("tbody tr[data-member=m000] [data-coupon]").TextContent);
        Assert.Equal("/api/events/WIN/coupons.csv", table.Find("[data-testid=export-csv]").GetAttribute("href"));

        table.Find("[data-testid=winners-next]").Click();
        table.WaitForAssertion(() => Assert.NotNull(table.Find("tbody tr[data-member=m050]")));
        Assert.Equal("51", table.Find("tbody tr td.num").TextContent);
    }

    [Fact]
    public void An_empty_sale_says_so()
    {
        _coupons.Coupons.Clear();
        var table = Render<WinnersTable>(p => p.Add(t => t.Code, Code));
        Assert.Contains("No stored coupons", table.Find("tbody").TextContent);
        Assert.True(table.Find("[data-testid=winners-next]").HasAttribute("disabled"));
    }
}

public sealed class AuditListTests : MudComponentTest
{
    [Fact]
    public void It_lists_actions_newest_first_with_what_changed()
    {
        var audit = new InMemoryAuditLog();
        audit.Entries.Add(new AuditEntry(1, DateTimeOffset.UtcNow, "ops", "10.0.0.1", "create", "S", null,
            """{"name":"Sale","stock":50}""", null));
        audit.Entries.Add(new AuditEntry(2, DateTimeOffset.UtcNow, "ops", "10.0.0.1", "topUp", "S",
            """{"name":"Sale","stock":50,"version":1}""", """{"name":"Sale","stock":80,"version":2}""", null));
        Services.AddSingleton<IAuditLog>(audit);
        var list = Render<AuditList>(p => p.Add(a => a.EventCode, "S"));
        var rows = list.FindAll("tbody tr");
        Assert.Equal(["topUp", "create"], rows.Select(r => r.GetAttribute("data-action")));
        Assert.Equal("stock 50 → 80", rows[0].QuerySelector(".audit-change")!.TextContent);
        Assert.Equal("name Sale, stock 50", rows[1].QuerySelector(".audit-change")!.TextContent);
        Assert.Contains("10.0.0.1", rows[0].TextContent);
    }
}

public sealed class EventActionsTests : MudComponentTest
{
    private readonly InMemoryEventStore _store = new();
    private readonly EventCommands _events;
    private readonly EventReads _reads;

    public EventActionsTests()
    {
        var live = new InMemoryLiveEventStore();
        _reads = new EventReads(_store, live, TimeProvider.System);
        _events = new EventCommands(_store, live, _reads, TimeProvider.System);
        Services.AddSingleton(_events);
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private async Task<IRenderedComponent<EventActions>> RenderForAsync(string code, DateTimeOffset? opensAt = null)
    {
        await _events.CreateAsync(new NewEvent { Code = code, Name = "Sale", Stock = 10, OpensAt = opensAt },
            FlashSaleUI.Core.Audit.AuditActor.System);
        var view = (await _reads.GetAsync(EventCode.Parse(code)))!;
        return Render<EventActions>(p => p.Add(a => a.Event, view));
    }

    [Fact]
    public async Task Adding_stock_raises_the_record_and_a_bad_amount_is_refused_inline()
    {
        var actions = await RenderForAsync("TOPUP");
        actions.Find("[data-field=topup] input").Change("9999999");
        actions.Find("[data-testid=topup]").Click();
        actions.WaitForAssertion(() => Assert.Contains("Add a whole number",
            actions.Find("[data-field=topup] .mud-input-error").TextContent));
        Assert.Equal(10, _store.Events["TOPUP"].Stock);

        actions.Find("[data-field=topup] input").Change("5");
        actions.Find("[data-testid=topup]").Click();
        actions.WaitForAssertion(() => Assert.Equal(15, _store.Events["TOPUP"].Stock));
    }

    [Fact]
    public async Task Edit_and_cancel_are_offered_only_before_the_sale_opens()
    {
        var running = await RenderForAsync("RUNNING");
        Assert.Empty(running.FindAll("[data-testid=edit]"));
        Assert.Empty(running.FindAll("[data-testid=cancel]"));

        var later = await RenderForAsync("LATER", DateTimeOffset.UtcNow.AddHours(1));
        later.Find("[data-testid=edit]").Click();
        later.Find("[data-field=edit-name] input").Change("New name");
        later.Find("[data-testid=save-edit]").Click();
        later.WaitForAssertion(() => Assert.Equal("New name", _store.Events["LATER"].Name));
    }

    [Fact]
    public async Task A_viewer_is_offered_no_action_at_all()
    {
        Auth.SetRoles("viewer");
        Auth.SetPolicies(FlashSaleUI.Security.Operators.OperatorSecurity.ViewerPolicy);
        var sale = await RenderForAsync("VIEWED", DateTimeOffset.UtcNow.AddHours(1));
        foreach (var action in new[] { "open", "close", "topup", "edit", "cancel" })
            Assert.Empty(sale.FindAll($"[data-testid={action}]"));
    }
}

public sealed class SmallPartsTests : MudComponentTest
{
    [Fact]
    public void A_local_time_keeps_utc_for_the_hover_and_the_machine()
    {
        var at = new DateTimeOffset(2026, 11, 23, 12, 30, 15, TimeSpan.Zero);
        var time = Render<LocalTime>(p => p.Add(t => t.Value, at).Add(t => t.Seconds, true)).Find("time");
        Assert.Equal("2026-11-23 12:30:15 UTC", time.GetAttribute("title"));
        Assert.Equal(at, DateTimeOffset.Parse(time.GetAttribute("datetime")!));
        Assert.Equal("seconds", time.GetAttribute("data-local"));
    }

    [Fact]
    public void The_issued_and_found_messages_show_the_coupon_code()
    {
        foreach (var outcome in new[] { ClaimMessage.Outcomes.Issued, ClaimMessage.Outcomes.Found })
        {
            var message = Render<ClaimMessage>(p => p.Add(m => m.Outcome, outcome).Add(m => m.Member, "alice")
                .Add(m => m.CouponCode, "ABCD-EFGH-JKMN-PQRS"));
            Assert.Equal("ABCD-EFGH-JKMN-PQRS", message.Find("[data-coupon]").TextContent);
        }
        Assert.Contains("No coupon found", Render<ClaimMessage>(p => p.Add(m => m.Outcome, ClaimMessage.Outcomes.NotStored)).Markup);
    }

    [Fact]
    public void The_charts_draw_whole_seconds_and_hold_still_while_paused()
    {
        Services.AddSingleton(new ClaimMetrics());
        var charts = Render<SaleCharts>();
        var t0 = new DateTimeOffset(2026, 11, 23, 12, 0, 0, 500, TimeSpan.Zero);
        EventStats At(double s, long issued) => new(new EventView("S", "S", 10_000, 10_000 - issued, issued, 0,
            null, null, EventState.Open),
            new LiveCounters(10_000 - issued, issued, 0, new Dictionary<string, long> { ["issued"] = issued }),
            ClaimRates.Zero, t0.AddSeconds(s));
        for (var s = 0.0; s <= 4; s += 0.125) charts.InvokeAsync(() => charts.Instance.Add(At(s, (long)(s * 200))));
        Assert.Equal(3, charts.Instance.Drawn.Count);
        Assert.All(charts.Instance.Drawn, p => Assert.Equal(200, p.Issued));

        charts.Find("[data-testid=pause]").Click();
        for (var s = 4.125; s <= 6; s += 0.125) charts.InvokeAsync(() => charts.Instance.Add(At(s, (long)(s * 200))));
        Assert.Equal(3, charts.Instance.Drawn.Count);
        charts.Find("[data-testid=pause]").Click();
        Assert.Equal(5, charts.Instance.Drawn.Count);
    }
}
