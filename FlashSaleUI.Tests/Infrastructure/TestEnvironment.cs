namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The real servers ./test.sh started (or that the caller pointed it at), read from the environment.</summary>
public static class TestEnvironment
{
    public static string Redis => Get("FLASHSALE_TEST_REDIS");
    public static string RedisCluster => Get("FLASHSALE_TEST_REDIS_CLUSTER");
    /// <summary>Connection string to a server where tests may create databases.</summary>
    public static string Postgres => Get("FLASHSALE_TEST_POSTGRES");

    private static int _lastRedisDb;

    /// <summary>A Redis database number no other fixture uses (test.sh starts Redis with 64); 0 is left to tests
    /// that only use unique keys. Pipeline hosts relay every event in their database, so they need one each.</summary>
    public static int NextRedisDatabase()
    {
        var db = Interlocked.Increment(ref _lastRedisDb);
        return db < 64 ? db : throw new InvalidOperationException("more than 63 Redis test databases in one run");
    }

    public static string RedisDatabase(int db) => $"{Redis},defaultDatabase={db}";

    /// <summary>The checkout the tests were built from (the folder holding FlashSaleUI.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FlashSaleUI.sln"))) return dir.FullName;
        throw new InvalidOperationException("FlashSaleUI.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Get(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts the servers.");
}
