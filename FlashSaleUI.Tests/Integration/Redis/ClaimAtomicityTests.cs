using FlashSaleUI.Core.Redis;
using StackExchange.Redis;

namespace FlashSaleUI.Tests.Integration.Redis;

/// <summary>The claim against a real redis-server, run once on a standalone server and once on a 3-master cluster.</summary>
public abstract class ClaimAtomicityTests<TRedis>(TRedis redis) : IClassFixture<TRedis> where TRedis : RedisTarget
{
    private readonly RedisClaimService _claims = new(redis.Connection, redis.Scripts, new ClaimMetrics());
    private readonly RedisLiveEventStore _live = new(redis.Connection, redis.Scripts);
    private IDatabase Db => redis.Connection.GetDatabase();

    private async Task<EventCode> PlaceAsync(int stock, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null,
        DateTimeOffset? closedAt = null)
    {
        var code = EventCode.Parse(TestCodes.New());
        await _live.PlaceAsync(new FlashSaleEvent(code, "Test sale", stock, opensAt, closesAt, closedAt, DateTimeOffset.UtcNow));
        return code;
    }

    [Fact]
    public void The_fixture_is_the_kind_of_server_it_claims_to_be()
    {
        var server = redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]);
        Assert.Equal(redis.IsCluster ? ServerType.Cluster : ServerType.Standalone, server.ServerType);
        if (redis.IsCluster) Assert.Equal(3, redis.Connection.GetEndPoints().Length);
    }

    [Fact]
    public async Task Twenty_thousand_concurrent_claims_by_8000_members_issue_exactly_the_stock()
    {
        const int stock = 1_000, distinct = 8_000, claims = 20_000;
        var code = await PlaceAsync(stock);
        var members = ClaimLoad.Members(distinct, claims);

        var results = await Task.WhenAll(members.Select(async m => (Member: m, Result: await _claims.ClaimAsync(code, m))));

        var issued = results.Where(r => r.Result.Status == ClaimStatus.Issued).ToList();
        Assert.Equal(stock, issued.Count);
        Assert.Equal(stock, issued.Select(r => r.Member).Distinct().Count());
        // every unit handed out once: the remaining counts seen are exactly 999..0
        Assert.Equal(Enumerable.Range(0, stock).Select(i => (long)i), issued.Select(r => r.Result.Remaining!.Value).Order());

        var keys = new EventKeys(code);
        Assert.Equal(0, (long)await Db.StringGetAsync(keys.Stock));
        Assert.Equal(stock, await Db.HashLengthAsync(keys.Grants));
        var outcomes = (await _live.ReadAsync(code))!.Outcomes;
        Assert.Equal(claims, outcomes.Values.Sum());
        Assert.Equal(stock, outcomes["issued"]);
        Assert.Equal(results.Count(r => r.Result.Status == ClaimStatus.Duplicate), outcomes["duplicate"]);
        Assert.Equal(results.Count(r => r.Result.Status == ClaimStatus.SoldOut), outcomes["soldOut"]);
        Assert.Equal(claims, results.Count(r => r.Result.Status is ClaimStatus.Issued or ClaimStatus.Duplicate or ClaimStatus.SoldOut));

        // the outbox holds one entry per issued coupon, for exactly the issued members
        var outboxMembers = await OutboxMembersAsync(keys);
        Assert.Equal(issued.Select(r => r.Member.Value).Order(), outboxMembers.Order());
    }

    [Fact]
    public async Task A_member_gets_one_coupon_and_then_duplicate()
    {
        var code = await PlaceAsync(5);
        var alice = MemberId.Parse("alice");
        var first = await _claims.ClaimAsync(code, alice);
        Assert.Equal((ClaimStatus.Issued, 4L), (first.Status, first.Remaining!.Value));
        Assert.Matches("^([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}$", first.CouponCode);
        Assert.Equal(ClaimResult.Duplicate, await _claims.ClaimAsync(code, alice));
        Assert.Equal(4, (long)await Db.StringGetAsync(new EventKeys(code).Stock));
    }

    [Fact]
    public async Task A_duplicate_after_selling_out_is_still_reported_as_duplicate()
    {
        var code = await PlaceAsync(1);
        var alice = MemberId.Parse("alice");
        Assert.Equal(ClaimStatus.Issued, (await _claims.ClaimAsync(code, alice)).Status);
        Assert.Equal(ClaimResult.SoldOut, await _claims.ClaimAsync(code, MemberId.Parse("bob")));
        Assert.Equal(ClaimResult.Duplicate, await _claims.ClaimAsync(code, alice));
    }

    [Fact]
    public async Task An_unknown_event_is_not_found_and_leaves_no_keys()
    {
        var code = EventCode.Parse(TestCodes.New());
        Assert.Equal(ClaimResult.NotFound, await _claims.ClaimAsync(code, MemberId.Parse("alice")));
        var keys = new EventKeys(code);
        foreach (var key in new[] { keys.Stock, keys.Grants, keys.Window, keys.Outcomes, keys.Outbox })
            Assert.False(await Db.KeyExistsAsync(key), $"{key} was created for an unknown event");
    }

    [Fact]
    public async Task Claims_outside_the_window_or_after_closing_are_not_open_and_take_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        var notYet = await PlaceAsync(5, opensAt: now.AddHours(1));
        var over = await PlaceAsync(5, opensAt: now.AddHours(-2), closesAt: now.AddHours(-1));
        var closed = await PlaceAsync(5, closedAt: now);
        foreach (var code in new[] { notYet, over, closed })
        {
            Assert.Equal(ClaimResult.NotOpen, await _claims.ClaimAsync(code, MemberId.Parse("alice")));
            Assert.Equal(5, (long)await Db.StringGetAsync(new EventKeys(code).Stock));
            Assert.Equal(0, await Db.HashLengthAsync(new EventKeys(code).Grants));
        }
    }

    [Fact]
    public async Task Placing_again_never_refills_a_running_sale()
    {
        var code = await PlaceAsync(3);
        await _claims.ClaimAsync(code, MemberId.Parse("alice"));
        await _live.PlaceAsync(new FlashSaleEvent(code, "Again", 3, null, null, null, DateTimeOffset.UtcNow));
        var counters = await _live.ReadAsync(code);
        Assert.Equal(2, counters!.Remaining);
        Assert.Equal(1, counters.Issued);
        Assert.Equal(1, counters.OutboxBacklog);
    }

    [Fact]
    public async Task Scripts_reload_after_the_server_forgets_them()
    {
        var code = await PlaceAsync(2);
        await _claims.ClaimAsync(code, MemberId.Parse("warm-up")); // the script is now cached: EVALSHA will be tried first
        await FlushScriptsAsync();
        var claim = await _claims.ClaimAsync(code, MemberId.Parse("alice"));
        Assert.Equal((ClaimStatus.Issued, 0L), (claim.Status, claim.Remaining!.Value));
    }

    private async Task FlushScriptsAsync()
    {
        var options = ConfigurationOptions.Parse(redis.Connection.Configuration);
        options.AllowAdmin = true;
        using var admin = RedisConnector.Connect(options.ToString());
        foreach (var endpoint in admin.GetEndPoints())
            await admin.GetServer(endpoint).ScriptFlushAsync();
    }

    private async Task<List<string>> OutboxMembersAsync(EventKeys keys)
    {
        var entries = (RedisResult[])(await Db.ScriptEvaluateAsync("return redis.call('XRANGE', KEYS[1], '-', '+')", [keys.Outbox]))!;
        return entries.Select(e =>
        {
            var fields = (RedisResult[])((RedisResult[])e!)[1]!;
            for (var i = 0; i < fields.Length; i += 2)
                if ((string)fields[i]! == "memberId") return (string)fields[i + 1]!;
            throw new InvalidOperationException("outbox entry without memberId");
        }).ToList();
    }
}

public sealed class StandaloneClaimAtomicityTests(StandaloneRedis redis) : ClaimAtomicityTests<StandaloneRedis>(redis);

public sealed class ClusterClaimAtomicityTests(ClusterRedis redis) : ClaimAtomicityTests<ClusterRedis>(redis);
