using FlashSaleUI.Core.Redis;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using StackExchange.Redis;

namespace FlashSaleUI.Tests.Integration.Http;

/// <summary>The real app whose Redis claim service is wrapped to count the claims that reach claim.lua.</summary>
public class CountingClaimsApp : AppFactory
{
    public CountingClaimsApp() { }

    protected CountingClaimsApp(AppFactory sameDeployment) : base(sameDeployment) { }

    public CountingClaimService Counter => Services.GetRequiredService<CountingClaimService>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(sp => new CountingClaimService(ActivatorUtilities.CreateInstance<RedisClaimService>(sp)));
            services.AddSingleton<IClaimService>(sp => sp.GetRequiredService<CountingClaimService>());
        });
    }
}

/// <summary>Counts the claims that reach the real (Redis) claim service.</summary>
public sealed class CountingClaimService(IClaimService inner) : IClaimService
{
    private long _calls;
    public long Calls => Interlocked.Read(ref _calls);

    public Task<ClaimResult> ClaimAsync(EventCode code, MemberId member)
    {
        Interlocked.Increment(ref _calls);
        return inner.ClaimAsync(code, member);
    }
}

public sealed class SoldOutShortcutTests(CountingClaimsApp app) : IClassFixture<CountingClaimsApp>
{
    private sealed class SecondInstance(AppFactory first) : CountingClaimsApp(first);

    private async Task<string> SoldOutSaleAsync(HttpClient member, int stock, params string[] winners)
    {
        var code = TestCodes.New("SOLD");
        await app.OperatorClient().CreateEventAsync(code, stock);
        foreach (var winner in winners) Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, winner)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await member.ClaimAsync(code, "first-too-late")).StatusCode);
        var shortcut = app.Services.GetRequiredService<SoldOutShortcut>();
        await Eventually.HoldsAsync(() => Task.FromResult(shortcut.Knows(EventCode.Parse(code))), TimeSpan.FromSeconds(5),
            () => Task.FromResult("the sale was never answered from memory"));
        return code;
    }

    private async Task<IReadOnlyDictionary<string, long>> OutcomesAsync(string code) =>
        (await app.Services.GetRequiredService<ILiveEventStore>().ReadAsync(EventCode.Parse(code)))!.Outcomes;

    [Fact]
    public async Task Once_sold_out_winners_get_duplicate_and_everyone_else_sold_out_without_a_redis_claim_and_still_counted()
    {
        var member = app.CreateClient();
        var code = await SoldOutSaleAsync(member, 3, "w1", "w2", "w3");
        var before = app.Counter.Calls;

        for (var i = 0; i < 40; i++)
        {
            var answer = await member.ClaimAsync(code, $"late-{i}");
            Assert.Equal(HttpStatusCode.Gone, answer.StatusCode);
            Assert.Equal("soldOut", (await answer.JsonAsync()).GetProperty("status").GetString());
        }
        foreach (var winner in new[] { "w1", "w2", "w3" })
        {
            var again = await member.ClaimAsync(code, winner);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("duplicate", (await again.JsonAsync()).GetProperty("status").GetString());
        }
        Assert.Equal(before, app.Counter.Calls); // none of the 43 reached claim.lua

        // the dashboard's counters still see every attempt: 3 issued, 41 sold out, 3 duplicates
        await Eventually.HoldsAsync(async () =>
            {
                var o = await OutcomesAsync(code);
                return o.GetValueOrDefault("issued") == 3 && o.GetValueOrDefault("soldOut") == 41 && o.GetValueOrDefault("duplicate") == 3;
            }, TimeSpan.FromSeconds(5),
            async () => string.Join(", ", (await OutcomesAsync(code)).Select(o => $"{o.Key}={o.Value}")));
    }

    [Fact]
    public async Task In_an_open_sale_a_winner_pressing_again_and_again_gets_duplicate_from_memory_and_still_counted()
    {
        var member = app.CreateClient();
        var code = TestCodes.New("OPEN");
        await app.OperatorClient().CreateEventAsync(code, stock: 100);
        Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "presser")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await member.ClaimAsync(code, "presser")).StatusCode); // Redis says so once
        var before = app.Counter.Calls;

        for (var i = 0; i < 5; i++)
        {
            var again = await member.ClaimAsync(code, "presser");
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("duplicate", (await again.JsonAsync()).GetProperty("status").GetString());
        }
        Assert.Equal(before, app.Counter.Calls);
        Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "someone-else")).StatusCode); // the sale goes on
        Assert.Equal(before + 1, app.Counter.Calls);

        await Eventually.HoldsAsync(async () =>
            {
                var o = await OutcomesAsync(code);
                return o.GetValueOrDefault("issued") == 2 && o.GetValueOrDefault("duplicate") == 6;
            }, TimeSpan.FromSeconds(5),
            async () => string.Join(", ", (await OutcomesAsync(code)).Select(o => $"{o.Key}={o.Value}")));
    }

    [Fact]
    public async Task A_top_up_on_another_instance_reopens_the_sale_here_at_once()
    {
        var member = app.CreateClient();
        var code = await SoldOutSaleAsync(member, 1, "only");
        await using var second = new SecondInstance(app);
        var topUp = await second.OperatorClient().PostAsync($"/api/events/{code}/stock", ApiTestHelpers.Json("""{"add":2}"""));
        Assert.Equal(HttpStatusCode.OK, topUp.StatusCode);

        // the change is announced to every instance: this one asks Redis again well before its own 1 s check
        var shortcut = app.Services.GetRequiredService<SoldOutShortcut>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.HoldsAsync(() => Task.FromResult(!shortcut.Knows(EventCode.Parse(code))), TimeSpan.FromSeconds(3),
            () => Task.FromResult("still answered from memory after the top-up"));
        Assert.True(started.Elapsed < SoldOutShortcut.CheckEvery, $"dropped after {started.Elapsed}");
        Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "after-top-up-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "after-top-up-2")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await member.ClaimAsync(code, "after-top-up-3")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await member.ClaimAsync(code, "only")).StatusCode);
    }

    [Fact]
    public async Task Closing_a_sold_out_sale_turns_its_answers_to_not_open()
    {
        var member = app.CreateClient();
        var code = await SoldOutSaleAsync(member, 1, "winner");
        Assert.Equal(HttpStatusCode.OK, (await app.OperatorClient().PostAsync($"/api/events/{code}/close", null)).StatusCode);
        var closed = await member.ClaimAsync(code, "after-close");
        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        Assert.Equal("notOpen", (await closed.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task When_redis_loses_the_sale_claims_go_to_redis_again_and_get_the_same_answers()
    {
        var member = app.CreateClient();
        var code = await SoldOutSaleAsync(member, 2, "a", "b");
        await Eventually.HoldsAsync(async () => await app.Database.ScalarAsync(
                $"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'") == 2, TimeSpan.FromSeconds(30),
            () => Task.FromResult("the two coupons were never stored"));
        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var keys = EventKeys.For(EventCode.Parse(code));
        await redis.KeyDeleteAsync([keys.Stock, keys.Grants, keys.Window]);

        var shortcut = app.Services.GetRequiredService<SoldOutShortcut>();
        await Eventually.HoldsAsync(() => Task.FromResult(!shortcut.Knows(EventCode.Parse(code))), TimeSpan.FromSeconds(3),
            () => Task.FromResult("the check never noticed the sale was gone"));
        var before = app.Counter.Calls;
        Assert.Equal(HttpStatusCode.Gone, (await member.ClaimAsync(code, "c")).StatusCode); // rebuilt from PostgreSQL
        Assert.Equal(HttpStatusCode.Conflict, (await member.ClaimAsync(code, "a")).StatusCode);
        Assert.True(app.Counter.Calls > before);
    }
}
