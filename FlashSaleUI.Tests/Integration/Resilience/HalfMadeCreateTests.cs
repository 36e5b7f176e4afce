using System.Net.Http.Json;

namespace FlashSaleUI.Tests.Integration.Resilience;

/// <summary>The app with its live-state watch asleep: whatever places an event in Redis here, the test did.</summary>
public sealed class UnwatchedApp : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["LiveState:CheckSeconds"] = "3600" };
}

/// <summary>A create that wrote the record and failed before Redis: the operator's retry finishes it (the watch would
/// too, within its interval); once the event is whole, its code is taken.</summary>
public sealed class HalfMadeCreateTests(UnwatchedApp app) : IClassFixture<UnwatchedApp>
{
    private readonly HttpClient _operator = app.OperatorClient();
    private readonly HttpClient _member = app.CreateClient();

    [Fact]
    public async Task Retrying_a_create_whose_first_attempt_stopped_after_the_record_finishes_it()
    {
        // the first attempt wrote the record and failed before Redis: the event exists only in PostgreSQL
        var code = TestCodes.New("HALF");
        await app.Database.ScalarAsync($"""
            INSERT INTO flash_sale_events (code, name, stock, created_at) VALUES ('{code}', 'Half made', 7, now()) RETURNING 1
            """);

        var retry = await _operator.PostAsJsonAsync("/api/events", new { code, name = "Half made", stock = 7 });
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(7, (await retry.JsonAsync()).GetProperty("remaining").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await _member.ClaimAsync(code, "first")).StatusCode);

        // once it is whole, the code exists: the same event again is a conflict, and so is a different one
        var same = await _operator.PostAsJsonAsync("/api/events", new { code, name = "Half made", stock = 7 });
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        var other = await _operator.PostAsJsonAsync("/api/events", new { code, name = "Something else", stock = 7 });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(6, (await (await _member.GetAsync($"/api/events/{code}")).JsonAsync()).GetProperty("remaining").GetInt64());
    }
}
