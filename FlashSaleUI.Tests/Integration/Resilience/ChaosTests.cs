using System.Collections.Concurrent;
using FlashSaleUI.Core.Kafka;
using FlashSaleUI.Core.Redis;
using Npgsql;

namespace FlashSaleUI.Tests.Integration.Resilience;

/// <summary>The promise, checked from outside the app's code: two app processes share Redis, PostgreSQL and one
/// Kafka; one is SIGKILLed mid-burst and started again. Every member told "issued" has exactly one row, rows equal
/// Redis's grants and never exceed the stock, and no claim id repeats.</summary>
[Collection(TimingSensitive.Name)]
public sealed class ChaosTests
{
    private const int Stock = 5_000, Members = 8_000, Claims = 12_000, Wave = 1_000;

    [Fact]
    public async Task Two_instances_one_killed_mid_burst_every_issued_coupon_stored_once_and_never_over_stock()
    {
        NativeKafka.EnsureLoaded();
        using var kafka = new KafkaMockCluster(brokers: 3);
        kafka.CreateTopic("coupon-issued", 3);
        kafka.CreateTopic("coupon-issued.dlq", 1);
        await using var database = await TestDatabase.CreateAsync();
        var redisDb = TestEnvironment.NextRedisDatabase();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = TestEnvironment.RedisDatabase(redisDb),
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Kafka__BootstrapServers"] = kafka.BootstrapServers,
            ["Kafka__SessionTimeoutMs"] = "6000",
            ["Pipeline__ReclaimIdleMs"] = "2000",
            ["FlashSale__OperatorPassword"] = AppFactory.OperatorPassword,
            ["FlashSale__RateLimit__Enabled"] = "false",
        };
        int portA = LoopbackPort.Free(), portB = LoopbackPort.Free();
        await using var a = await AppProcess.StartAsync(portA, settings);
        var b = await AppProcess.StartAsync(portB, settings);
        try
        {
            var code = TestCodes.New("CHAOS");
            using var operatorClient = new HttpClient { BaseAddress = new Uri(a.BaseUrl) };
            operatorClient.DefaultRequestHeaders.Authorization = new("Bearer",
                await AppFactory.CreateTokenAsync(operatorClient, AppFactory.OperatorUser, AppFactory.OperatorPassword));
            await operatorClient.CreateEventAsync(code, Stock);

            using var toA = new HttpClient { BaseAddress = new Uri(a.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
            using var toB = new HttpClient { BaseAddress = new Uri(b.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
            var answers = new ConcurrentBag<(string Member, HttpStatusCode? Status)>();
            var random = new Random(7);
            var members = Enumerable.Range(0, Claims).Select(i => $"x{(i < Members ? i : random.Next(Members)):D5}").ToArray();
            random.Shuffle(members);
            // every member signs in once, on A; B accepts A's tickets (the keys are shared through PostgreSQL)
            var tickets = new ConcurrentDictionary<string, string>();
            await Parallel.ForEachAsync(members.Distinct(), new ParallelOptions { MaxDegreeOfParallelism = 32 },
                async (member, _) => tickets[member] = await toA.TicketAsync(member));

            // the burst, half to each instance; at a third, a wave goes to B alone and B dies in the middle of it
            var killed = false;
            for (var start = 0; start < Claims; start += Wave)
            {
                var wave = members[start..Math.Min(Claims, start + Wave)];
                if (!killed && start >= Claims / 3)
                {
                    // B freezes at its 20th answer, mid-wave (some claims granted in Redis but not yet answered, the
                    // rest unread), then is killed: nothing it had not answered ever will be
                    var answered = 0;
                    var toKilled = wave.Select(async m =>
                    {
                        await ClaimAsync(toB, code, m, tickets[m], answers);
                        if (Interlocked.Increment(ref answered) == 20) b.Freeze();
                    }).ToList();
                    await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref answered) >= 20), TimeSpan.FromSeconds(10),
                        () => Task.FromResult("B answered nothing"));
                    await Task.Delay(200);
                    b.Kill();
                    await Task.WhenAll(toKilled);
                    killed = true;
                    continue;
                }
                await Task.WhenAll(wave.Select((m, i) => ClaimAsync(i % 2 == 0 || killed ? toA : toB, code, m, tickets[m], answers)));
                await Task.Delay(100);
            }
            Assert.True(killed);

            // members whose request got no answer try again (on the instance still up), as a member would
            var unanswered = answers.Where(x => x.Status is null).Select(x => x.Member).Distinct().ToList();
            Assert.True(unanswered.Count > 0, "the kill cut no request: " + string.Join(", ",
                answers.GroupBy(x => x.Status).Select(g => $"{g.Key?.ToString() ?? "none"}={g.Count()}"))); // requests were cut
            var retries = new ConcurrentBag<(string Member, HttpStatusCode? Status)>();
            await Task.WhenAll(unanswered.Select(m => ClaimAsync(toA, code, m, tickets[m], retries)));
            Assert.DoesNotContain(retries, r => r.Status is null);

            // B comes back; then everything drains
            await using var restarted = await AppProcess.StartAsync(portB, settings);
            var keys = new EventKeys(EventCode.Parse(code));
            using var redis = RedisConnector.Connect(TestEnvironment.RedisDatabase(redisDb));
            var issuedInRedis = await redis.GetDatabase().HashLengthAsync(keys.Grants);
            await Eventually.HoldsAsync(async () => await database.ScalarAsync(
                $"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'") == issuedInRedis,
                TimeSpan.FromSeconds(90), async () =>
                $"rows {await database.ScalarAsync($"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'")}, Redis " +
                    $"{issuedInRedis}");
            await Task.Delay(2_000); // nothing more, and nothing twice, arrives

            var rows = await MembersWithRowsAsync(database, code);
            Assert.Equal(Stock, issuedInRedis);                     // demand exceeded stock: exactly the stock granted
            Assert.Equal(issuedInRedis, rows.Count);                // rows = Redis's grants (a set: no member twice)
            Assert.Equal(rows.Count, await database.ScalarAsync($"SELECT count(*) FROM coupon_issues WHERE event_code = '{code}'"));
            Assert.Equal(rows.Count, await database.ScalarAsync(
                $"SELECT count(DISTINCT claim_id) FROM coupon_issues WHERE event_code = '{code}'"));

            // who was told they have a coupon: 200, or 409 on the retry of a request that went unanswered
            var told = answers.Where(x => x.Status == HttpStatusCode.OK).Select(x => x.Member)
                .Concat(retries.Where(x => x.Status is HttpStatusCode.OK or HttpStatusCode.Conflict).Select(x => x.Member))
                .ToHashSet();
            Assert.Equal(told.Order(), rows.Order());
        }
        finally
        {
            await b.DisposeAsync();
        }
    }

    private static async Task ClaimAsync(HttpClient client, string code, string member, string ticket,
        ConcurrentBag<(string, HttpStatusCode?)> answers)
    {
        try { answers.Add((member, (await client.ClaimWithTicketAsync(code, ticket)).StatusCode)); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { answers.Add((member, null)); }
    }

    private static async Task<HashSet<string>> MembersWithRowsAsync(TestDatabase database, string code)
    {
        await using var conn = new NpgsqlConnection(database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT member_id FROM coupon_issues WHERE event_code = '{code}'", conn);
        var members = new HashSet<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) members.Add(reader.GetString(0));
        return members;
    }
}
