using System.Net.Http.Headers;
using System.Text;
using FlashSaleUI.Core.Redis;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using StackExchange.Redis;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The real app (Program) against the real test servers: a fresh PostgreSQL database and its own Redis
/// database number, so test classes running in parallel never see each other's data.</summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OperatorUser = "operator";
    public const string OperatorPassword = "test-operator-password";
    public TestDatabase Database { get; private set; } = null!;
    public int RedisDb { get; }
    public string RedisConfiguration => TestEnvironment.RedisDatabase(RedisDb);
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();
    /// <summary>The app's PostgreSQL: this factory's database on the shared test server, unless a subclass brings its own.</summary>
    protected virtual string PostgresConnection => Database.ConnectionString;
    private readonly bool _ownsDeployment;

    public AppFactory()
    {
        RedisDb = TestEnvironment.NextRedisDatabase();
        _ownsDeployment = true;
        _adminToken = new(() => CreateTokenAsync(CreateClient(), OperatorUser, OperatorPassword).GetAwaiter().GetResult());
    }

    /// <summary>Another instance of the same deployment: the same database and Redis, neither emptied nor dropped by
    /// this one (the app started again after a stop, or a second instance beside the first).</summary>
    protected AppFactory(AppFactory sameDeployment)
    {
        RedisDb = sameDeployment.RedisDb;
        Database = sameDeployment.Database;
        _adminToken = new(() => CreateTokenAsync(CreateClient(), OperatorUser, OperatorPassword).GetAwaiter().GetResult());
    }

    public virtual async Task InitializeAsync()
    {
        if (!_ownsDeployment) return;
        Database = await TestDatabase.CreateAsync();
        await FlushRedisAsync();
    }

    /// <summary>Empties this app's Redis database, as a restart without persistence or a FLUSHDB would.</summary>
    public async Task FlushRedisAsync()
    {
        using var admin = RedisConnector.Connect(TestEnvironment.Redis + ",allowAdmin=true");
        await admin.GetServer(admin.GetEndPoints()[0]).FlushDatabaseAsync(RedisDb);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Redis", RedisConfiguration);
        builder.UseSetting("ConnectionStrings:Postgres", PostgresConnection);
        builder.UseSetting("FlashSale:OperatorUser", OperatorUser);
        builder.UseSetting("FlashSale:OperatorPassword", OperatorPassword);
        builder.UseSetting("FlashSale:RateLimit:Enabled", "false");
        builder.UseSetting("Members:LocalSignIn", "true"); // test members name themselves, as under ./run.sh
        builder.UseSetting("FlashSale:OperatorSignInFailuresPerMinute", "1000"); // tests of wrong credentials make many
        builder.UseSetting("Kafka:EmbeddedPort", "0"); // apps run side by side here: no fixed broker address unless a test asks
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>A client acting as the first admin, through a personal token (operator calls take no Basic).</summary>
    public HttpClient OperatorClient() => ClientWithToken(AdminToken());

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private readonly Lazy<string> _adminToken;

    /// <summary>The first admin's token, made once through POST /api/tokens with Basic (the one place it is accepted).</summary>
    public string AdminToken() => _adminToken.Value;

    /// <summary>A token of <paramref name="user"/>, made with its password.</summary>
    public static async Task<string> CreateTokenAsync(HttpClient client, string user, string password, string name = "tests")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens")
        {
            Content = new StringContent($$"""{"name":"{{name}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = Basic(user, password);
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
            throw new InvalidOperationException($"token for {user}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>A new account with <paramref name="role"/> (made by the admin), and a token of it.</summary>
    public async Task<(string UserName, string Password, string Token)> AccountWithTokenAsync(string role)
    {
        var userName = $"{role}-{Guid.NewGuid():N}"[..20];
        var password = $"pw-{Guid.NewGuid():N}";
        var created = await OperatorClient().PostAsync("/api/accounts", new StringContent(
            $$"""{"userName":"{{userName}}","role":"{{role}}","password":"{{password}}"}""", Encoding.UTF8, "application/json"));
        if (created.StatusCode != System.Net.HttpStatusCode.Created)
            throw new InvalidOperationException(
                $"account {userName}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return (userName, password, await CreateTokenAsync(CreateClient(), userName, password));
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>Every key in this app's Redis database, to show a request left Redis untouched.</summary>
    public async Task<string[]> RedisKeysAsync()
    {
        using var conn = RedisConnector.Connect(RedisConfiguration);
        var db = conn.GetDatabase();
        var keys = conn.GetServer(conn.GetEndPoints()[0]).Keys(RedisDb).Select(k => (string)k!).Order().ToArray();
        var withValues = new List<string>();
        foreach (var key in keys)
            withValues.Add($"{key}={await DumpAsync(db, key)}");
        return withValues.ToArray();
    }

    private static async Task<string> DumpAsync(IDatabase db, string key) =>
        (await db.KeyTypeAsync(key)) switch
        {
            RedisType.String => (string)(await db.StringGetAsync(key))!,
            RedisType.Set => (await db.SetLengthAsync(key)).ToString(),
            RedisType.Hash => string.Join(",", (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}:{e.Value}").Order()),
            var other => other.ToString(),
        };

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>Stops the app (its host and server) but keeps its database, as a process stop would.</summary>
    public async Task StopAsync() => await base.DisposeAsync();

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDeployment) await Database.DisposeAsync();
    }
}
