using System.Net.Http.Json;
using FlashSaleUI.Core.Redis;
using StackExchange.Redis;

namespace FlashSaleUI.Tests.Integration.Resilience;

/// <summary>Creating and re-timing events leaves Redis and PostgreSQL agreeing, whatever the interleaving.</summary>
public sealed class EventChangeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly HttpClient _operator = app.OperatorClient();
    private readonly HttpClient _member = app.CreateClient();

    [Fact]
    public async Task Concurrent_opens_and_closes_end_with_Redis_and_PostgreSQL_agreeing()
    {
        for (var round = 0; round < 5; round++)
        {
            var code = TestCodes.New("FLIP");
            await _operator.CreateEventAsync(code, stock: 10);
            // double clicks, two operators, API and console: 20 changes racing
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                _operator.PostAsync($"/api/events/{code}/{(i % 2 == 0 ? "close" : "open")}", null)));

            var closedInRecord = await app.Database.ScalarAsync(
                $"SELECT count(*) FROM flash_sale_events WHERE code = '{code}' AND closed_at IS NOT NULL") == 1;
            Assert.Equal(21, await app.Database.ScalarAsync($"SELECT version FROM flash_sale_events WHERE code = '{code}'"));
            var window = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            var keys = new EventKeys(EventCode.Parse(code));
            Assert.Equal(closedInRecord, (string?)await window.HashGetAsync(keys.Window, "closed") == "1");
            Assert.Equal(21, (long)await window.HashGetAsync(keys.Window, "version"));
            var claim = await _member.ClaimAsync(code, "after-the-race");
            Assert.Equal(closedInRecord ? HttpStatusCode.Forbidden : HttpStatusCode.OK, claim.StatusCode);
        }
    }

    [Fact]
    public async Task An_instance_placing_an_older_version_cannot_reopen_a_closed_sale()
    {
        var live = app.Services.GetRequiredService<ILiveEventStore>();
        var code = EventCode.Parse(TestCodes.New("OLD"));
        var now = DateTimeOffset.UtcNow;
        var open = new FlashSaleEvent(code, "Old read", 5, null, null, null, now, Version: 4);
        await live.PlaceAsync(open with { ClosedAt = now, Version = 5 }); // an operator closed it
        await live.PlaceAsync(open);                                      // an instance starting up with an older read

        var claims = app.Services.GetRequiredService<IClaimService>();
        Assert.Equal(ClaimStatus.NotOpen, (await claims.ClaimAsync(code, MemberId.Parse("late"))).Status);
    }

    [Fact]
    public async Task Creating_the_same_event_twice_is_a_conflict()
    {
        var code = TestCodes.New("TWICE");
        var body = new { code, name = "Twice", stock = 3 };
        Assert.Equal(HttpStatusCode.Created, (await _operator.PostAsJsonAsync("/api/events", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _member.ClaimAsync(code, "m1")).StatusCode);

        var again = await _operator.PostAsJsonAsync("/api/events", body);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(2, (await (await _member.GetAsync($"/api/events/{code}")).JsonAsync()).GetProperty("remaining").GetInt64());
    }
}
