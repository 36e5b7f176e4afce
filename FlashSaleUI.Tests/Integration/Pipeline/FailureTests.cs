using FlashSaleUI.Core.Pipeline;

namespace FlashSaleUI.Tests.Integration.Pipeline;

public sealed class ShortKafkaTimeoutPipeline : PipelineFixture
{
    // delivery reports fail after 3 s of outage (Local_MsgTimedOut), so the relay's retry path is exercised
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Kafka:MessageTimeoutMs"] = "3000" };
}

[Collection(TimingSensitive.Name)]
public sealed class BrokerOutageTests(ShortKafkaTimeoutPipeline pipeline) : IClassFixture<ShortKafkaTimeoutPipeline>
{
    [Fact]
    public async Task Every_broker_down_for_10_seconds_mid_burst_loses_nothing_and_claims_keep_succeeding()
    {
        var code = await pipeline.CreateEventAsync(6_000);
        var members = Enumerable.Range(0, 6_000).Select(i => MemberId.Parse($"o{i}")).ToArray();
        var beforeOutage = await pipeline.ClaimAsync(code, members[..2_000]);

        pipeline.Kafka.SetAllBrokers(up: false);
        var duringOutage = new List<ClaimResult>();
        for (var wave = 0; wave < 10; wave++) // claims keep arriving through the outage
        {
            duringOutage.AddRange(await pipeline.ClaimAsync(code, members[(2_000 + wave * 300)..(2_300 + wave * 300)]));
            await Task.Delay(1_000);
        }
        pipeline.Kafka.SetAllBrokers(up: true);
        var afterOutage = await pipeline.ClaimAsync(code, members[5_000..]);

        Assert.All(beforeOutage.Concat(duringOutage).Concat(afterOutage), r => Assert.Equal(ClaimStatus.Issued, r.Status));
        await PipelineAssertions.AllPersistedAsync(pipeline.Database, code, 6_000, TimeSpan.FromSeconds(60));
        await Task.Delay(1_000);
        Assert.Equal((6_000L, 6_000L, 6_000L), await PipelineAssertions.RowsAsync(pipeline.Database, code));
        Assert.True(pipeline.Host.Get<PipelineMetrics>().RelayFailures > 0,
            "the outage never failed a delivery: the retry path was not exercised");
        Assert.Equal(0, (await pipeline.Host.Get<ILiveEventStore>().ReadAsync(code))!.OutboxBacklog);
    }
}

public sealed class SinkOnlyPipeline : PipelineFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Pipeline:RelayEnabled"] = "false" };
}

[Collection(TimingSensitive.Name)]
public sealed class RelayCrashTests(SinkOnlyPipeline pipeline) : IClassFixture<SinkOnlyPipeline>
{
    private static readonly Dictionary<string, string?> RelayOnly = new()
    {
        ["Pipeline:SinkEnabled"] = "false",
        ["Pipeline:RelayBatch"] = "100", // small batches so the crash lands mid-stream
    };

    [Fact]
    public async Task A_relay_killed_mid_stream_is_taken_over_with_nothing_lost_or_doubled()
    {
        var code = await pipeline.CreateEventAsync(20_000);
        await pipeline.ClaimAsync(code, Enumerable.Range(0, 20_000).Select(i => MemberId.Parse($"k{i}")));

        var first = await pipeline.StartHostAsync(RelayOnly);
        var firstMetrics = first.Get<PipelineMetrics>();
        await Eventually.HoldsAsync(() => Task.FromResult(firstMetrics.Relayed > 500), TimeSpan.FromSeconds(20),
            () => Task.FromResult($"relayed {firstMetrics.Relayed}"));
        first.Kill();
        var relayedBeforeCrash = firstMetrics.Relayed;
        Assert.InRange(relayedBeforeCrash, 501, 19_999);

        await using var second = await pipeline.StartHostAsync(RelayOnly);
        await PipelineAssertions.AllPersistedAsync(pipeline.Database, code, 20_000, TimeSpan.FromSeconds(60));
        await Task.Delay(1_000);
        Assert.Equal((20_000L, 20_000L, 20_000L), await PipelineAssertions.RowsAsync(pipeline.Database, code));
        await Eventually.HoldsAsync(async () => (await second.Get<ILiveEventStore>().ReadAsync(code))!.OutboxBacklog == 0,
            TimeSpan.FromSeconds(10), () => Task.FromResult("outbox not drained"));
    }
}

public class OwnPostgresPipeline : PipelineFixture
{
    public LocalPostgres Postgres { get; private set; } = null!;
    public string Connection { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Postgres = await LocalPostgres.StartAsync();
        await base.InitializeAsync();
    }

    protected override Task<string> PostgresAsync() => Task.FromResult(Postgres.ConnectionString);

    public override async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Kafka.Dispose();
        await Postgres.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[Collection(TimingSensitive.Name)]
public sealed class PostgresOutageTests(OwnPostgresPipeline pipeline) : IClassFixture<OwnPostgresPipeline>
{
    [Fact]
    public async Task PostgreSQL_stopped_for_10_seconds_during_consumption_sends_nothing_to_the_dlq_and_loses_nothing()
    {
        var connection = pipeline.Postgres.ConnectionString;
        var code = await pipeline.CreateEventAsync(8_000);
        var members = Enumerable.Range(0, 8_000).Select(i => MemberId.Parse($"p{i}")).ToArray();
        await pipeline.ClaimAsync(code, members[..2_000]);

        await pipeline.Postgres.StopServerAsync();
        for (var wave = 0; wave < 10; wave++) // consumption goes on while the database is gone
        {
            await pipeline.ClaimAsync(code, members[(2_000 + wave * 500)..(2_500 + wave * 500)]);
            await Task.Delay(1_000);
        }
        await pipeline.Postgres.StartServerAsync();
        await pipeline.ClaimAsync(code, members[7_000..]);

        await Eventually.HoldsAsync(async () => await TestDatabase.ScalarAsync(connection,
            $"SELECT count(*) FROM coupon_issues WHERE event_code = '{code.Value}'") == 8_000,
            TimeSpan.FromSeconds(60), async () =>
            $"rows {await TestDatabase.ScalarAsync(connection, $"SELECT count(*) FROM coupon_issues WHERE event_code = '{code.Value}'")}");
        Assert.Equal(8_000, await TestDatabase.ScalarAsync(connection,
            $"SELECT count(DISTINCT member_id) FROM coupon_issues WHERE event_code = '{code.Value}'"));
        Assert.Equal(0, await TestDatabase.ScalarAsync(connection, "SELECT count(*) FROM dead_letters"));
        var metrics = pipeline.Host.Get<PipelineMetrics>();
        Assert.Equal(0, metrics.DeadLettered);
        Assert.NotNull(metrics.LastSinkError); // the outage was seen, and retried
    }

    [Fact]
    public async Task An_instance_stopping_while_PostgreSQL_is_down_hands_its_partitions_to_the_waiting_sink_and_nothing_is_lost()
    {
        var codes = new List<EventCode>();
        for (var i = 0; i < 6; i++) codes.Add(await pipeline.CreateEventAsync(200)); // keyed by code: spread over partitions
        var a = pipeline.Host;
        // B's drain cannot store anything while PostgreSQL is down: a short one, so it leaves the group sooner
        var b = await pipeline.StartHostAsync(new Dictionary<string, string?> { ["Pipeline:DrainSeconds"] = "2" });
        try
        {
            // the two sinks share the three partitions
            await Eventually.HoldsAsync(() => Task.FromResult(Owned(a) > 0 && Owned(b) > 0 && Owned(a) + Owned(b) == 3),
                TimeSpan.FromSeconds(30), () => Task.FromResult($"A owns {Owned(a)}, B owns {Owned(b)}"));

            await pipeline.Postgres.StopServerAsync();
            var members = Enumerable.Range(0, 200).Select(i => MemberId.Parse($"h{i}")).ToArray();
            foreach (var code in codes) await pipeline.ClaimAsync(code, members);
            await Eventually.HoldsAsync(() => Task.FromResult(a.Get<PipelineMetrics>().SinkLag.Values.Sum() > 0),
                TimeSpan.FromSeconds(30), () => Task.FromResult("A's sink never had a batch waiting"));
            await b.DisposeAsync(); // leaves the group: the rebalance needs A, whose batch waits for PostgreSQL

            // A polls while it waits: it takes B's partitions now, not once PostgreSQL is back
            await Eventually.HoldsAsync(() => Task.FromResult(Owned(a) == 3), TimeSpan.FromSeconds(30),
                () => Task.FromResult($"A owns {Owned(a)} of 3 partitions while its batch waits"));
        }
        finally
        {
            await b.DisposeAsync();
            await pipeline.Postgres.StartServerAsync();
            Npgsql.NpgsqlConnection.ClearAllPools(); // this test's own pooled connections died with the server
        }

        var connection = pipeline.Postgres.ConnectionString;
        var inList = string.Join(",", codes.Select(c => $"'{c.Value}'"));
        Task<long> Rows(string what) => TestDatabase.ScalarAsync(connection,
            $"SELECT count({what}) FROM coupon_issues WHERE event_code IN ({inList})");
        await Eventually.HoldsAsync(async () => await Rows("*") == 1_200, TimeSpan.FromSeconds(60), async () => $"rows {await Rows("*")}");
        Assert.Equal(1_200, await Rows("DISTINCT (event_code, member_id)"));
        Assert.Equal(0, a.Get<PipelineMetrics>().SinkRestarts);

        static int Owned(PipelineHost host) => host.Get<PipelineMetrics>().SinkLag.Count;
    }
}

public sealed class ShortPollIntervalPipeline : OwnPostgresPipeline
{
    // a database outage longer than max.poll.interval.ms: a consumer that stopped polling would be put out of its group
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Kafka:MaxPollIntervalMs"] = "7000" };
}

[Collection(TimingSensitive.Name)]
public sealed class ConsumerFailureTests(ShortPollIntervalPipeline pipeline) : IClassFixture<ShortPollIntervalPipeline>
{
    [Fact]
    public async Task A_database_outage_longer_than_the_poll_interval_keeps_the_consumer_in_its_group_and_loses_nothing()
    {
        var connection = pipeline.Postgres.ConnectionString;
        var code = await pipeline.CreateEventAsync(3_000);
        var members = Enumerable.Range(0, 3_000).Select(i => MemberId.Parse($"q{i}")).ToArray();
        await pipeline.ClaimAsync(code, members[..1_000]);
        await Eventually.HoldsAsync(async () => await Rows() == 1_000, TimeSpan.FromSeconds(30), async () => $"rows {await Rows()}");

        await pipeline.Postgres.StopServerAsync();
        await pipeline.ClaimAsync(code, members[1_000..2_000]);
        await Task.Delay(12_000); // the sink holds its batch, retrying, past max.poll.interval.ms; it keeps polling
        await pipeline.Postgres.StartServerAsync();
        Npgsql.NpgsqlConnection.ClearAllPools(); // this test's own pooled connections died with the server
        await pipeline.ClaimAsync(code, members[2_000..]);

        await Eventually.HoldsAsync(async () => await Rows() == 3_000, TimeSpan.FromSeconds(90), async () => $"rows {await Rows()}");
        Assert.Equal(3_000, await TestDatabase.ScalarAsync(connection,
            $"SELECT count(DISTINCT member_id) FROM coupon_issues WHERE event_code = '{code.Value}'"));
        var lifetime = pipeline.Host.Get<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "a pipeline failure stopped the host");
        // the consumer was polled throughout (its partitions paused): never put out of the group, never rebuilt
        Assert.Equal(0, pipeline.Host.Get<PipelineMetrics>().SinkRestarts);
        Assert.Equal(0, await TestDatabase.ScalarAsync(connection, "SELECT count(*) FROM dead_letters"));

        Task<long> Rows() => TestDatabase.ScalarAsync(connection, $"SELECT count(*) FROM coupon_issues WHERE event_code = '{code.Value}'");
    }
}
