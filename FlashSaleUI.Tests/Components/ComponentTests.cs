using Bunit;
using FlashSaleUI.Components.Member;
using FlashSaleUI.Components.Operator;
using FlashSaleUI.Core.Stats;
using MudBlazor;
using MudBlazor.Services;

namespace FlashSaleUI.Tests.Components;

/// <summary>bunit 2 with MudBlazor's services and loose JS interop. MudBlazor registers services that are only
/// IAsyncDisposable, so the context is disposed asynchronously (xunit 2: IAsyncLifetime).</summary>
public abstract class MudComponentTest : BunitContext, IAsyncLifetime
{
    /// <summary>The signed-in account the components see: an operator, unless a test says otherwise.</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Auth { get; }

    protected MudComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<Microsoft.AspNetCore.Http.IHttpContextAccessor>(new Microsoft.AspNetCore.Http.HttpContextAccessor());
        Auth = AddAuthorization();
        Auth.SetAuthorized("operator-in-test");
        Auth.SetRoles("operator");
        Auth.SetPolicies(FlashSaleUI.Security.Operators.OperatorSecurity.ViewerPolicy,
            FlashSaleUI.Security.Operators.OperatorSecurity.OperatorPolicy);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}

public sealed class CreateEventFormTests : MudComponentTest
{
    private readonly InMemoryEventStore _store = new();
    private readonly InMemoryLiveEventStore _live = new();

    public CreateEventFormTests() =>
        Services.AddSingleton(new EventCommands(_store, _live, new EventReads(_store, _live, TimeProvider.System), TimeProvider.System));

    private static void Set(IRenderedComponent<CreateEventForm> form, string field, string value) =>
        form.Find($"[data-field={field}] input").Change(value);

    private static void Submit(IRenderedComponent<CreateEventForm> form) => form.Find("button[data-testid=create]").Click();

    private static string ErrorOf(IRenderedComponent<CreateEventForm> form, string field) =>
        form.Find($"[data-field={field}] .mud-input-error").TextContent;

    [Fact]
    public void Submitting_an_empty_form_shows_every_field_error_and_creates_nothing()
    {
        var form = Render<CreateEventForm>();
        Submit(form);
        Assert.Contains("Code must be", ErrorOf(form, "code"));
        Assert.Contains("Name is required", ErrorOf(form, "name"));
        Assert.Contains("Stock must be", ErrorOf(form, "stock"));
        Assert.Empty(_store.Events);
        Assert.Empty(_live.Placed);
    }

    [Fact]
    public void A_hostile_code_and_a_closing_before_opening_are_refused_inline()
    {
        var form = Render<CreateEventForm>();
        Set(form, "code", "A{B}");
        Set(form, "name", "Sale");
        Set(form, "stock", "10");
        Set(form, "opensAt", "2030-01-02T10:00");
        Set(form, "closesAt", "2030-01-02T09:00");
        Submit(form);
        Assert.Contains("A-Z", ErrorOf(form, "code"));
        Assert.Contains("close after it opens", ErrorOf(form, "closesAt"));
        Assert.Empty(form.FindAll("[data-field=name] .mud-input-error"));
        Assert.Empty(_store.Events);
    }

    [Fact]
    public void A_valid_event_is_created_placed_and_announced()
    {
        var created = 0;
        var form = Render<CreateEventForm>(p => p.Add(f => f.OnCreated, () => created++));
        Set(form, "code", "spring-sale"); // upper-cased for the operator
        Set(form, "name", "Spring sale");
        Set(form, "stock", "250");
        Submit(form);

        form.WaitForAssertion(() => Assert.Contains("Created", form.Find(".form-ok").TextContent));
        Assert.Equal(250, _store.Events["SPRING-SALE"].Stock);
        Assert.True(_live.Placed.ContainsKey("SPRING-SALE"));
        Assert.Equal(1, created);
        Assert.Empty(form.FindAll(".mud-input-error"));
    }

    [Fact]
    public void An_existing_code_is_reported_on_the_code_field()
    {
        _store.Events["TAKEN"] = new FlashSaleEvent(EventCode.Parse("TAKEN"), "x", 1, null, null, null, DateTimeOffset.UtcNow);
        var form = Render<CreateEventForm>();
        Set(form, "code", "TAKEN");
        Set(form, "name", "Again");
        Set(form, "stock", "5");
        Submit(form);
        form.WaitForAssertion(() => Assert.Contains("already exists", ErrorOf(form, "code")));
    }
}

public sealed class LiveStatsTests : MudComponentTest
{
    private readonly ManualStatsFeed _feed = new();
    private static readonly EventCode Code = EventCode.Parse("LIVE-1");

    public LiveStatsTests() => Services.AddSingleton<IStatsFeed>(_feed);

    private static EventStats Snapshot(long issued, double rate, DateTimeOffset at) => new(
        new EventView("LIVE-1", "Live", 100, 100 - issued, issued, issued - 1, null, null, EventState.Open),
        new LiveCounters(100 - issued, issued, 1, new Dictionary<string, long> { ["issued"] = issued, ["soldOut"] = 0, ["duplicate"] = 3 }),
        new ClaimRates(rate, 0, 0, 0), at);

    [Fact]
    public async Task The_card_re_renders_each_time_the_feed_publishes_and_unsubscribes_on_dispose()
    {
        EventStats? relayed = null;
        var card = Render<LiveStats>(p => p.Add(c => c.Code, Code).Add(c => c.OnStats, s => relayed = s));
        Assert.Contains("Waiting", card.Markup);
        Assert.Equal(1, _feed.Subscribers);

        var now = DateTimeOffset.UtcNow;
        await _feed.PublishAsync(Snapshot(5, 50, now));
        card.WaitForAssertion(() => Assert.Equal("5", card.Find("[data-stat=issued]").TextContent));
        Assert.Equal("95", card.Find("[data-stat=remaining]").TextContent);
        Assert.Equal("4", card.Find("[data-stat=persisted]").TextContent);
        Assert.Equal("3", card.Find("[data-stat=duplicate]").TextContent);
        Assert.Contains("Sells out in about 2 s", card.Find("[data-stat=sellout]").TextContent);
        Assert.Equal(5, relayed!.Event.Issued);

        await _feed.PublishAsync(Snapshot(42, 0, now.AddMilliseconds(100)));
        card.WaitForAssertion(() => Assert.Equal("42", card.Find("[data-stat=issued]").TextContent));
        Assert.Equal("58", card.Find("[data-stat=remaining]").TextContent);

        await DisposeComponentsAsync();
        Assert.Equal(0, _feed.Subscribers);
    }
}

public sealed class ClaimMessageTests : MudComponentTest
{
    private static readonly EventView Open = new("SALE-1", "Sale", 100, 40, 60, 60, null, null, EventState.Open);

    [Fact]
    public void Every_outcome_has_its_own_clear_message()
    {
        var titles = ClaimMessage.Outcomes.All.ToDictionary(o => o, o =>
            Render<ClaimMessage>(p => p.Add(m => m.Outcome, o).Add(m => m.Event, Open).Add(m => m.Member, "alice"))
                .Find(".title").TextContent);

        Assert.Equal(ClaimMessage.Outcomes.All.Length, titles.Values.Distinct().Count());
        Assert.Contains("You got a coupon", titles["issued"]);
        Assert.Contains("Already claimed", titles["duplicate"]);
        Assert.Contains("Sold out", titles["soldOut"]);
        Assert.Contains("Not open yet", titles["notOpen"]);
        Assert.Contains("Unknown sale", titles["notFound"]);
        Assert.Contains("Too many attempts", titles["rateLimited"]);
        Assert.Contains("Network problem", titles["networkError"]);
    }

    [Fact]
    public void Issued_says_what_happens_next_for_whom()
    {
        var message = Render<ClaimMessage>(p => p.Add(m => m.Outcome, "issued").Add(m => m.Event, Open).Add(m => m.Member, "alice"));
        Assert.Equal("alice", message.Find("[data-member]").TextContent);
        Assert.Contains("Use the code at checkout", message.Markup);
        Assert.Equal("40", message.Find("[data-remaining]").TextContent);
    }

    [Fact]
    public void Not_open_gives_the_opening_time_and_a_closed_sale_says_it_ended()
    {
        var opens = new DateTimeOffset(2030, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var scheduled = Render<ClaimMessage>(p => p.Add(m => m.Outcome, "notOpen")
            .Add(m => m.Event, Open with { OpensAt = opens, State = EventState.Scheduled }));
        Assert.Equal(opens.ToString("O"), scheduled.Find("time").GetAttribute("datetime"));
        Assert.Contains("2030-05-01 09:00 UTC", scheduled.Find("time").TextContent);

        var closed = Render<ClaimMessage>(p => p.Add(m => m.Outcome, "notOpen").Add(m => m.Event, Open with { State = EventState.Closed }));
        Assert.Contains("has ended", closed.Find(".title").TextContent);
    }
}

public sealed class EventsListTests : MudComponentTest
{
    [Fact]
    public void Lists_every_event_with_state_and_numbers()
    {
        var list = Render<EventsList>(p => p.Add(l => l.Events, new[]
        {
            new EventView("SALE-A", "First", 1000, 250, 750, 740, null, null, EventState.Open),
            new EventView("SALE-B", "Second", 50, 0, 50, 50, null, null, EventState.SoldOut),
            new EventView("SALE-C", "Third", 10, 10, 0, 0, DateTimeOffset.UtcNow.AddDays(1), null, EventState.Scheduled),
        }));
        var rows = list.FindAll("tbody tr").Where(r => r.QuerySelector("[data-code]") is not null).ToList();
        Assert.Equal(["SALE-A", "SALE-B", "SALE-C"], rows.Select(r => r.QuerySelector("[data-code]")!.GetAttribute("data-code")));
        Assert.Equal("250", rows[0].QuerySelector(".remaining")!.TextContent);
        Assert.Equal("750", rows[0].QuerySelector(".issued")!.TextContent);
        Assert.Equal("740", rows[0].QuerySelector(".persisted")!.TextContent);
        Assert.Equal("Sold out", rows[1].QuerySelector(".state")!.TextContent);
        Assert.Equal("Scheduled", rows[2].QuerySelector(".state")!.TextContent);
        Assert.Equal("/operator/events/SALE-A", rows[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void An_empty_list_invites_creating_an_event()
    {
        var list = Render<EventsList>(p => p.Add(l => l.Events, Array.Empty<EventView>()));
        Assert.Contains("No events yet", list.Find(".empty-events").TextContent);
    }
}
