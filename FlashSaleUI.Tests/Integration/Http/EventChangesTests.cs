using System.Net.Http.Json;
using System.Text.Json;

namespace FlashSaleUI.Tests.Integration.Http;

/// <summary>Stock top-ups, edits and cancellations, and the audit trail every operator action leaves.</summary>
public sealed class EventChangesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Task<HttpResponseMessage> TopUpAsync(HttpClient client, string code, long add) =>
        client.PostAsJsonAsync($"/api/events/{code}/stock", new { add });

    [Fact]
    public async Task A_top_up_reopens_a_sold_out_sale_while_claims_run_and_exactly_stock_plus_top_up_are_granted()
    {
        var code = TestCodes.New("TOP");
        var op = app.OperatorClient();
        await op.CreateEventAsync(code, stock: 100);
        var member = app.CreateClient();
        var granted = 0;
        var soldOutSeen = new TaskCompletionSource();
        var stop = new CancellationTokenSource();
        // 8 claimers keep going through the sell-out, the top-up and the second sell-out
        var claimers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var response = await member.ClaimAsync(code, $"w{w}-m{i}");
                if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref granted);
                else if (response.StatusCode == HttpStatusCode.Gone) soldOutSeen.TrySetResult();
            }
        })).ToList();
        await soldOutSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var topUp = await TopUpAsync(op, code, 150);
        Assert.Equal(HttpStatusCode.OK, topUp.StatusCode);
        Assert.Equal(250, (await topUp.JsonAsync()).GetProperty("stock").GetInt32());
        await Eventually.HoldsAsync(async () => (await (await member.GetAsync($"/api/events/{code}")).JsonAsync())
            .GetProperty("remaining").GetInt64() == 0, TimeSpan.FromSeconds(30), () => Task.FromResult($"granted {granted}"));
        await Task.Delay(200);
        stop.Cancel();
        await Task.WhenAll(claimers);

        Assert.Equal(250, granted);
        var sale = await (await member.GetAsync($"/api/events/{code}")).JsonAsync();
        Assert.Equal((250, 0L, 250L), (sale.GetProperty("stock").GetInt32(), sale.GetProperty("remaining").GetInt64(),
            sale.GetProperty("issued").GetInt64()));
        Assert.Equal("soldOut", sale.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_top_up_survives_redis_losing_the_sale()
    {
        var code = TestCodes.New("TOP");
        var op = app.OperatorClient();
        await op.CreateEventAsync(code, stock: 3);
        var member = app.CreateClient();
        for (var i = 0; i < 3; i++) await member.ClaimAsync(code, $"m{i}");
        Assert.Equal(HttpStatusCode.OK, (await TopUpAsync(op, code, 2)).StatusCode);
        await Eventually.HoldsAsync(async () => await app.Database.ScalarAsync(
            $"SELECT persisted FROM flash_sale_events WHERE code = '{code}'") == 3,
            TimeSpan.FromSeconds(30), () => Task.FromResult("stored"));

        await app.FlushRedisAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await member.ClaimAsync(code, $"late{i}")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Gone, HttpStatusCode.Gone], statuses);
        Assert.Equal(HttpStatusCode.Conflict, (await member.ClaimAsync(code, "m0")).StatusCode); // its coupon came back too
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10_000_000)]
    public async Task A_top_up_out_of_range_is_400(long add)
    {
        var code = TestCodes.New("TOP");
        await app.OperatorClient().CreateEventAsync(code, stock: 10);
        var response = await TopUpAsync(app.OperatorClient(), code, add);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("add", (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_closed_sale_takes_no_top_up_and_members_cannot_top_up()
    {
        var code = TestCodes.New("TOP");
        var op = app.OperatorClient();
        await op.CreateEventAsync(code, stock: 10);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TopUpAsync(app.CreateClient(), code, 5)).StatusCode);
        await op.PostAsync($"/api/events/{code}/close", null);
        Assert.Equal(HttpStatusCode.Conflict, (await TopUpAsync(op, code, 5)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TopUpAsync(op, "NO-SUCH-SALE", 5)).StatusCode);
    }

    [Fact]
    public async Task Name_and_window_can_be_edited_and_the_sale_cancelled_only_before_it_opens()
    {
        var op = app.OperatorClient();
        var later = TestCodes.New("EDT");
        await op.CreateEventAsync(later, stock: 10, opensAt: DateTimeOffset.UtcNow.AddHours(2));
        var opens = DateTimeOffset.UtcNow.AddHours(3);
        var edited = await op.PatchAsJsonAsync($"/api/events/{later}", new { name = "Renamed", opensAt = opens,
            closesAt = opens.AddHours(1) });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var view = await edited.JsonAsync();
        Assert.Equal("Renamed", view.GetProperty("name").GetString());
        Assert.Equal(opens.ToUnixTimeSeconds(), view.GetProperty("opensAt").GetDateTimeOffset().ToUnixTimeSeconds());
        var invalid = await op.PatchAsJsonAsync($"/api/events/{later}", new { opensAt = opens, closesAt = opens.AddHours(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var cancelled = await op.PostAsync($"/api/events/{later}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("closed", (await cancelled.JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await app.CreateClient().ClaimAsync(later, "early-bird")).StatusCode);

        var running = TestCodes.New("EDT");
        await op.CreateEventAsync(running, stock: 10);
        Assert.Equal(HttpStatusCode.Conflict, (await op.PatchAsJsonAsync($"/api/events/{running}", new { name = "Too late" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsync($"/api/events/{running}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Every_operator_action_is_in_the_audit_trail_with_who_where_and_before_and_after()
    {
        var code = TestCodes.New("AUD");
        var op = app.OperatorClient();
        await op.CreateEventAsync(code, stock: 10, opensAt: DateTimeOffset.UtcNow.AddHours(1));
        await op.PatchAsJsonAsync($"/api/events/{code}", new { name = "Audited sale", opensAt = DateTimeOffset.UtcNow.AddHours(2) });
        await op.PostAsync($"/api/events/{code}/open", null);
        await TopUpAsync(op, code, 5);
        await op.PostAsync($"/api/events/{code}/close", null);
        await op.PostAsync($"/api/pipeline/reconcile/{code}", null);
        var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = AppFactory.Basic("mallory", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/events")).StatusCode); // Basic: not here
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await wrong.PostAsync("/api/tokens", ApiTestHelpers.Json("""{"name":"x"}"""))).StatusCode); // a sign-in attempt

        var audit = (await (await op.GetAsync($"/api/events/{code}/audit")).JsonAsync()).EnumerateArray().Reverse().ToList();
        Assert.Equal(["create", "edit", "open", "topUp", "close", "reconcile"], audit.Select(a => a.GetProperty("action").GetString()));
        // by person: the account's name and id, and how it signed in (the test's client sends a token)
        Assert.All(audit, a => Assert.Equal(AppFactory.OperatorUser, a.GetProperty("actor").GetString()));
        Assert.All(audit, a => Assert.Equal("token", a.GetProperty("via").GetString()));
        Assert.Single(audit.Select(a => a.GetProperty("actorId").GetString()).Distinct(), id => !string.IsNullOrEmpty(id));
        Assert.All(audit, a => Assert.NotEqual(JsonValueKind.Null, a.GetProperty("tokenId").ValueKind));
        var topUp = audit[3];
        Assert.Equal(10, JsonDocument.Parse(topUp.GetProperty("before").GetString()!).RootElement.GetProperty("stock").GetInt32());
        Assert.Equal(15, JsonDocument.Parse(topUp.GetProperty("after").GetString()!).RootElement.GetProperty("stock").GetInt32());
        Assert.Equal("Audited sale", JsonDocument.Parse(audit[1].GetProperty("after").GetString()!).RootElement.GetProperty(
            "name").GetString());

        Assert.Equal(1, await app.Database.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE action = 'signInFailed' AND actor = 'mallory'"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/events/{code}/audit")).StatusCode);
    }
}
