namespace FlashSaleUI.Tests.Integration.Resilience;

/// <summary>What the relay, the reconciler, the live-state watch and the events page walk: the sales that can still
/// issue coupons or have grants not yet stored, not every event ever created.</summary>
public sealed class ActiveEventsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Ended_long_ago_and_fully_stored_events_are_not_active()
    {
        var store = app.Services.GetRequiredService<IEventStore>(); // starts the app: the schema exists from here
        string Insert(string code, string extra) => $"""
            INSERT INTO flash_sale_events (code, name, stock, created_at, persisted, closed_at, closes_at)
            VALUES ('{code}', 'x', 10, now() - interval '3 days', {extra}) RETURNING 1
            """;
        var open = TestCodes.New("ACT");
        var justClosed = TestCodes.New("ACT");
        var closedLongAgo = TestCodes.New("ACT");
        var endedLongAgo = TestCodes.New("ACT");
        var allStored = TestCodes.New("ACT");
        await app.Database.ScalarAsync(Insert(open, "3, NULL, NULL"));
        await app.Database.ScalarAsync(Insert(justClosed, "3, now() - interval '1 hour', NULL"));
        await app.Database.ScalarAsync(Insert(closedLongAgo, "3, now() - interval '2 days', NULL"));
        await app.Database.ScalarAsync(Insert(endedLongAgo, "3, NULL, now() - interval '2 days'"));
        await app.Database.ScalarAsync(Insert(allStored, "10, NULL, NULL"));

        var active = (await store.ListActiveAsync(DateTimeOffset.UtcNow))
            .Select(a => a.Sale.Code.Value).ToHashSet();
        Assert.Contains(open, active);
        Assert.Contains(justClosed, active); // a close that never reached Redis must still be applied there
        Assert.DoesNotContain(closedLongAgo, active);
        Assert.DoesNotContain(endedLongAgo, active);
        Assert.DoesNotContain(allStored, active);

        // the events page still lists them all, with final numbers from PostgreSQL for the inactive ones
        var listed = await app.Services.GetRequiredService<EventReads>().ListAsync();
        var stored = listed.Single(e => e.Code == allStored);
        Assert.Equal((0L, 10L, 10L), (stored.Remaining, stored.Issued, stored.Persisted));
        Assert.Equal(EventState.Closed, listed.Single(e => e.Code == closedLongAgo).State);
    }
}
