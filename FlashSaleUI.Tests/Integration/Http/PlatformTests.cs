namespace FlashSaleUI.Tests.Integration.Http;

public sealed class PlatformTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Health_is_200_when_every_dependency_answers()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.JsonAsync()).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/events", out _));
        Assert.True(paths.TryGetProperty("/api/events/{code}", out _));
        Assert.True(paths.TryGetProperty("/api/events/{code}/claims", out _));
    }

    [Fact]
    public async Task The_schema_is_versioned_not_created_ad_hoc()
    {
        // EF Core's migrations made it, each recorded once
        Assert.Equal(1, await app.Database.ScalarAsync(
            "SELECT count(*) FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%\\_Initial'"));
    }
}

public sealed class RedisDownApp : AppFactory
{
    // a port nothing listens on: Redis is unreachable from the start
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500,syncTimeout=500",
    };
}

public sealed class HealthWhenRedisIsDownTests(RedisDownApp app) : IClassFixture<RedisDownApp>
{
    [Fact]
    public async Task Health_is_503_naming_redis()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var checks = (await response.JsonAsync()).GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_tells_the_failure_details_to_operators_only()
    {
        var anonymous = await (await app.CreateClient().GetAsync("/health")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"error\"", anonymous);
        Assert.DoesNotContain("127.0.0.1:1", anonymous);
        var forOperator = await (await app.OperatorClient().GetAsync("/health")).JsonAsync();
        Assert.False(string.IsNullOrEmpty(forOperator.GetProperty("checks").GetProperty("redis").GetProperty("error").GetString()));
    }
}
