namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The real servers ./test.sh started (or that the caller pointed it at), read from the environment.</summary>
public static class TestEnvironment
{
    public static string Redis => Get("FLASHSALE_TEST_REDIS");
    public static string RedisCluster => Get("FLASHSALE_TEST_REDIS_CLUSTER");
    /// <summary>Connection string to a server where tests may create databases.</summary>
    public static string Postgres => Get("FLASHSALE_TEST_POSTGRES");

    private static string Get(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts the servers.");
}
