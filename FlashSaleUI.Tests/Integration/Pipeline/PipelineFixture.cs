using FlashSaleUI.Core.Kafka;

namespace FlashSaleUI.Tests.Integration.Pipeline;


/// <summary>Real Redis (a database of its own), real PostgreSQL (a fresh database), and the Kafka wire protocol
/// through librdkafka's mock cluster (3 brokers), with one app instance's pipeline running.</summary>
public class PipelineFixture : IAsyncLifetime
{
    public KafkaMockCluster Kafka { get; private set; } = null!;
    public TestDatabase Database { get; private set; } = null!;
    public PipelineHost Host { get; private set; } = null!;
    public string Redis { get; } = TestEnvironment.RedisDatabase(TestEnvironment.NextRedisDatabase());
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();
    protected virtual Task<string> PostgresAsync() => Task.FromResult(Database.ConnectionString);

    public virtual async Task InitializeAsync()
    {
        NativeKafka.EnsureLoaded();
        Kafka = new KafkaMockCluster(brokers: 3);
        Kafka.CreateTopic("coupon-issued", 3);
        Kafka.CreateTopic("coupon-issued.dlq", 1);
        Database = await TestDatabase.CreateAsync();
        Host = await StartHostAsync(Settings);
    }

    public async Task<PipelineHost> StartHostAsync(IDictionary<string, string?> settings) =>
        await PipelineHost.StartAsync(Redis, await PostgresAsync(), Kafka.BootstrapServers, settings);

    public async Task<EventCode> CreateEventAsync(int stock)
    {
        var code = TestCodes.New("P");
        var created = await Host.Get<EventCommands>().CreateAsync(new NewEvent { Code = code, Name = "Pipeline test", Stock = stock },
            FlashSaleUI.Core.Audit.AuditActor.System);
        Assert.Equal(CreateEventStatus.Created, created.Status);
        return EventCode.Parse(code);
    }

    public async Task<ClaimResult[]> ClaimAsync(EventCode code, IEnumerable<MemberId> members)
    {
        var claims = Host.Get<IClaimService>();
        return await Task.WhenAll(members.Select(m => claims.ClaimAsync(code, m)));
    }

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
        Kafka.Dispose();
    }
}

public static class PipelineAssertions
{
    /// <summary>Rows for the event, and rows counting each member once: equal when nothing was doubled.</summary>
    public static async Task<(long Rows, long Members, long PersistedColumn)> RowsAsync(TestDatabase db, EventCode code) =>
        (await db.ScalarAsync($"SELECT count(*) FROM coupon_issues WHERE event_code = '{code.Value}'"),
         await db.ScalarAsync($"SELECT count(DISTINCT member_id) FROM coupon_issues WHERE event_code = '{code.Value}'"),
         await db.ScalarAsync($"SELECT persisted FROM flash_sale_events WHERE code = '{code.Value}'"));

    public static async Task<TimeSpan> AllPersistedAsync(TestDatabase db, EventCode code, long expected, TimeSpan timeout) =>
        await Eventually.HoldsAsync(async () => (await RowsAsync(db, code)).Rows >= expected, timeout,
            async () => $"rows/members/persisted = {await RowsAsync(db, code)}, expected {expected}");
}
