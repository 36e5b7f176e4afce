using Bunit;
using FlashSaleUI.Components.Member;
using FlashSaleUI.Components.Operator;
using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Stats;
using FlashSaleUI.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace FlashSaleUI.Tests.Components;

public sealed class CreateEventFormTests : BunitContext
{
    private readonly InMemoryEventStore _store = new();
    private readonly InMemoryLiveEventStore _live = new();

    public CreateEventFormTests()
    {
        Services.AddRadzenComponents();
        Services.AddSingleton(new EventService(_store, _live, TimeProvider.System));
    }

    private static void Set(IRenderedFragment form, string name, string value) => form.Find($"input[name={name}]").Change(value);

    [Fact]
    public void Submitting_an_empty_form_shows_every_field_error_and_creates_nothing()
    {
        var form = RenderComponent<CreateEventForm>();
        form.Find("form").Submit();
        Assert.Contains("Code must be", form.Find("[data-field=code]").TextContent);
        Assert.Contains("Name is required", form.Find("[data-field=name]").TextContent);
        Assert.Contains("Stock must be", form.Find("[data-field=stock]").TextContent);
        Assert.Empty(_store.Events);
        Assert.Empty(_live.Placed);
    }

    [Fact]
    public void A_hostile_code_and_a_closing_before_opening_are_refused_inline()
    {
        var form = RenderComponent<CreateEventForm>();
        Set(form, "code", "A{B}");
        Set(form, "name", "Sale");
        Set(form, "stock", "10");
        Set(form, "opensAt", "2030-01-02T10:00");
        Set(form, "closesAt", "2030-01-02T09:00");
        form.Find("form").Submit();
        Assert.Contains("A-Z", form.Find("[data-field=code]").TextContent);
        Assert.Contains("close after it opens", form.Find("[data-field=closesAt]").TextContent);
        Assert.Empty(form.FindAll("[data-field=name]"));
        Assert.Empty(_store.Events);
    }

    [Fact]
    public void A_valid_event_is_created_placed_and_announced()
    {
        var created = 0;
        var form = RenderComponent<CreateEventForm>(p => p.Add(f => f.OnCreated, () => created++));
        Set(form, "code", "spring-sale"); // upper-cased for the operator
        Set(form, "name", "Spring sale");
        Set(form, "stock", "250");
        form.Find("form").Submit();

        form.WaitForAssertion(() => Assert.Contains("Created", form.Find(".form-ok").TextContent));
        Assert.Equal(250, _store.Events["SPRING-SALE"].Stock);
        Assert.True(_live.Placed.ContainsKey("SPRING-SALE"));
        Assert.Equal(1, created);
        Assert.Empty(form.FindAll(".field-error"));
    }

    [Fact]
    public void An_existing_code_is_reported_on_the_code_field()
    {
        _store.Events["TAKEN"] = new FlashSaleEvent(EventCode.Parse("TAKEN"), "x", 1, null, null, null, DateTimeOffset.UtcNow);
        var form = RenderComponent<CreateEventForm>();
        Set(form, "code", "TAKEN");
        Set(form, "name", "Again");
        Set(form, "stock", "5");
        form.Find("form").Submit();
        form.WaitForAssertion(() => Assert.Contains("already exists", form.Find("[data-field=code]").TextContent));
    }
}

public sealed class LiveStatsTests : BunitContext
{
    private readonly ManualStatsFeed _feed = new();
    private static readonly EventCode Code = EventCode.Parse("LIVE-1");

    public LiveStatsTests() => Services.AddSingleton<IStatsFeed>(_feed);

    private static StatsSnapshot Snapshot(long issued, double rate, DateTimeOffset at) => new(
        new EventView("LIVE-1", "Live", 100, 100 - issued, issued, issued - 1, null, null, EventState.Open),
        new Dictionary<string, long> { ["issued"] = issued, ["soldOut"] = 0, ["duplicate"] = 3 },
        new ClaimRates(rate, 0, 0, 0), 1, at);

    [Fact]
    public async Task The_card_re_renders_each_time_the_feed_publishes_and_unsubscribes_on_dispose()
    {
        StatsSnapshot? relayed = null;
        var card = RenderComponent<LiveStats>(p => p.Add(c => c.Code, Code).Add(c => c.OnSnapshot, s => relayed = s));
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

        DisposeComponents();
        Assert.Equal(0, _feed.Subscribers);
    }
}

public sealed class ClaimMessageTests : BunitContext
{
    private static readonly EventView Open = new("SALE-1", "Sale", 100, 40, 60, 60, null, null, EventState.Open);

    [Fact]
    public void Every_outcome_has_its_own_clear_message()
    {
        var titles = ClaimMessage.Outcomes.All.ToDictionary(o => o, o =>
            RenderComponent<ClaimMessage>(p => p.Add(m => m.Outcome, o).Add(m => m.Event, Open).Add(m => m.Member, "alice"))
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
        var message = RenderComponent<ClaimMessage>(p => p.Add(m => m.Outcome, "issued").Add(m => m.Event, Open).Add(m => m.Member, "alice"));
        Assert.Equal("alice", message.Find("[data-member]").TextContent);
        Assert.Contains("in your account", message.Markup);
        Assert.Equal("40", message.Find("[data-remaining]").TextContent);
    }

    [Fact]
    public void Not_open_gives_the_opening_time_and_a_closed_sale_says_it_ended()
    {
        var opens = new DateTimeOffset(2030, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var scheduled = RenderComponent<ClaimMessage>(p => p.Add(m => m.Outcome, "notOpen")
            .Add(m => m.Event, Open with { OpensAt = opens, State = EventState.Scheduled }));
        Assert.Equal(opens.ToString("O"), scheduled.Find("time").GetAttribute("datetime"));
        Assert.Contains("2030-05-01 09:00 UTC", scheduled.Find("time").TextContent);

        var closed = RenderComponent<ClaimMessage>(p => p.Add(m => m.Outcome, "notOpen").Add(m => m.Event, Open with { State = EventState.Closed }));
        Assert.Contains("has ended", closed.Find(".title").TextContent);
    }
}

public sealed class EventsListTests : BunitContext
{
    public EventsListTests() => Services.AddRadzenComponents();

    [Fact]
    public void Lists_every_event_with_state_and_numbers()
    {
        var list = RenderComponent<EventsList>(p => p.Add(l => l.Events, new[]
        {
            new EventView("SALE-A", "First", 1000, 250, 750, 740, null, null, EventState.Open),
            new EventView("SALE-B", "Second", 50, 0, 50, 50, null, null, EventState.SoldOut),
            new EventView("SALE-C", "Third", 10, 10, 0, 0, DateTimeOffset.UtcNow.AddDays(1), null, EventState.Scheduled),
        }));
        var rows = list.FindAll("tbody tr");
        Assert.Equal(["SALE-A", "SALE-B", "SALE-C"], rows.Select(r => r.GetAttribute("data-code")));
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
        var list = RenderComponent<EventsList>(p => p.Add(l => l.Events, Array.Empty<EventView>()));
        Assert.Contains("No events yet", list.Find(".empty-events").TextContent);
    }
}
