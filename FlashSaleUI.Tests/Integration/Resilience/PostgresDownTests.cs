using System.Net.Http.Json;

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
}
