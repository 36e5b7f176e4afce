using System.Net.Http.Json;
using System.Text.Json;
using FlashSaleUI.Core.Accounts;
using FlashSaleUI.Core.Kafka;

namespace FlashSaleUI.Tests.Integration.Resilience;

/// <summary>The app on a PostgreSQL server of its own, which a test may stop.</summary>
public sealed class OwnPostgresApp : AppFactory
{
    public LocalPostgres Postgres { get; private set; } = null!;
    protected override string PostgresConnection => Postgres.ConnectionString;

    public override async Task InitializeAsync()
    {
        Postgres = await LocalPostgres.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

/// <summary>PostgreSQL down during a sale: claims need only Redis and go on; members still read the sale (the record
/// held in memory, live numbers from Redis); what needs the database is told 503, not 500.</summary>
[Collection(TimingSensitive.Name)]
public sealed class PostgresDownTests(OwnPostgresApp app) : IClassFixture<OwnPostgresApp>
{
    [Fact]
    public async Task Claims_and_the_members_read_of_the_sale_go_on_and_the_rest_is_503()
    {
        var member = app.CreateClient();
        var op = app.OperatorClient();
        var code = TestCodes.New("PGDOWN");
        await op.CreateEventAsync(code, stock: 10);
        Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "before")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/events/{code}")).StatusCode);

        await app.Postgres.StopServerAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "during")).StatusCode);
            await Task.Delay(EventReads.RecordTtl); // the record held here is past its reuse time: PostgreSQL is asked
            var read = await member.GetAsync($"/api/events/{code}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(8, (await read.JsonAsync()).GetProperty("remaining").GetInt64());
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/claim/{code}")).StatusCode);

            var create = await op.PostAsJsonAsync("/api/events", new { code = TestCodes.New("NEW"), name = "New", stock = 5 });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, create.StatusCode);
            Assert.Contains("PostgreSQL", (await create.JsonAsync()).GetProperty("detail").GetString());
            Assert.NotNull(create.Headers.RetryAfter);
        }
        finally
        {
            await app.Postgres.StartServerAsync();
        }
    }

    [Fact]
    public async Task The_sink_lag_counts_the_coupons_waiting_in_Kafka_while_PostgreSQL_is_down_and_returns_to_zero()
    {
        var member = app.CreateClient();
        var op = app.OperatorClient();
        var code = TestCodes.New("LAG");
        await op.CreateEventAsync(code, stock: 50);
        // the sink owns every partition and whatever earlier tests left is stored, so the lag below is this test's coupons
        await Eventually.HoldsAsync(async () => await SinkLagAsync(op) is var lag && lag.Count == Partitions && lag.Values.Sum() == 0,
            TimeSpan.FromSeconds(30), async () => $"lag before: {Show(await SinkLagAsync(op))}");

        var outageFrom = DateTimeOffset.UtcNow;
        await app.Postgres.StopServerAsync();
        try
        {
            // one coupon first, until the sink holds it in a batch it cannot store: the other 19 pile up behind that
            // batch, paused in Kafka (a partition's end as last fetched stops moving then: the lag must not)
            Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, "lag-0")).StatusCode);
            await Eventually.HoldsAsync(async () => await SinkFailedSinceAsync(op, outageFrom), TimeSpan.FromSeconds(30),
                () => Task.FromResult("the sink never tried to store while PostgreSQL was down"));
            for (var i = 1; i < 20; i++)
                Assert.Equal(HttpStatusCode.OK, (await member.ClaimAsync(code, $"lag-{i}")).StatusCode);
            // the operator's token was confirmed before the outage: it keeps working, and so does the pipeline status
            await Eventually.HoldsAsync(async () => (await SinkLagAsync(op)).Values.Sum() >= 20, TimeSpan.FromSeconds(30),
                async () => $"lag while PostgreSQL is down: {Show(await SinkLagAsync(op))}");
            await Task.Delay(ApiTokens.CheckTtl); // past the token check's reuse time: PostgreSQL would be asked now
            var status = await (await op.GetAsync("/api/pipeline")).JsonAsync();
            Assert.Equal(JsonValueKind.Null, status.GetProperty("openDeadLetters").ValueKind); // that count needs PostgreSQL
        }
        finally
        {
            await app.Postgres.StartServerAsync();
        }

        await Eventually.HoldsAsync(async () => (await SinkLagAsync(op)).Values.Sum() == 0, TimeSpan.FromSeconds(60),
            async () => $"lag after: {Show(await SinkLagAsync(op))}");
        var stored = (await (await member.GetAsync($"/api/events/{code}")).JsonAsync()).GetProperty("persisted").GetInt64();
        Assert.Equal(20, stored);
    }

    [Fact]
    public async Task A_signed_in_operator_keeps_the_session_and_the_console_pages_while_PostgreSQL_is_down()
    {
        var code = TestCodes.New("CONSOLE");
        await app.OperatorClient().CreateEventAsync(code, stock: 10);
        var browser = app.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/events/{code}")).StatusCode);
        Assert.Equal("/operator", await browser.SignInAsync(AppFactory.OperatorUser, AppFactory.OperatorPassword));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/pipeline")).StatusCode);

        await app.Postgres.StopServerAsync();
        try
        {
            // past the session's revalidation interval: the account would be read from PostgreSQL now
            await Task.Delay(TimeSpan.FromSeconds(6));
            var during = await browser.GetAsync("/api/pipeline");
            Assert.Equal(HttpStatusCode.OK, during.StatusCode);
            // the sale's dashboard too: its numbers come from Redis; the dead-letter count shows as unknown
            var dashboard = await browser.GetAsync($"/operator/events/{code}");
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            var html = await dashboard.Content.ReadAsStringAsync();
            Assert.Contains(code, html);
            Assert.Contains("data-testid=\"winners-unavailable\"", html); // the winners wait for PostgreSQL, and say so
            var events = await browser.GetAsync("/operator"); // the events list says it waits too
            Assert.Equal(HttpStatusCode.OK, events.StatusCode);
            Assert.Contains("data-testid=\"events-unavailable\"", await events.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.Postgres.StartServerAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/pipeline")).StatusCode);
    }

    // the embedded broker's topic; one app here, so its sink owns them all
    private static readonly int Partitions = new KafkaOptions().EmbeddedPartitions;

    // this instance's sink lag per partition
    private static async Task<Dictionary<string, long>> SinkLagAsync(HttpClient op)
    {
        var status = await (await op.GetAsync("/api/pipeline")).JsonAsync();
        return status.GetProperty("sinkLag").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }

    private static async Task<bool> SinkFailedSinceAsync(HttpClient op, DateTimeOffset since)
    {
        var failedAt = (await (await op.GetAsync("/api/pipeline")).JsonAsync()).GetProperty("lastSinkErrorAt");
        return failedAt.ValueKind != JsonValueKind.Null && failedAt.GetDateTimeOffset() > since;
    }

    private static string Show(Dictionary<string, long> lag) => string.Join(", ", lag.Select(p => $"{p.Key}: {p.Value}"));
}
