using StackExchange.Redis;

namespace FlashSaleUI.Core.Redis;

public static class RedisConnector
{
    /// <summary>Connects with explicit timeouts: a claim must fail fast (and be retried by the member) rather than
    /// hang when Redis is away, and the app must start even if Redis comes up a moment later.</summary>
    public static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;               // keep retrying in the background instead of failing startup
        options.ConnectTimeout = Default(configuration, "connectTimeout", options.ConnectTimeout, 5_000);
        options.SyncTimeout = Default(configuration, "syncTimeout", options.SyncTimeout, 2_000);
        options.AsyncTimeout = Default(configuration, "asyncTimeout", options.AsyncTimeout, 2_000);
        return ConnectionMultiplexer.Connect(options);
    }

    // A value given in the configuration string wins; otherwise ours, not the library's default (5 s).
    private static int Default(string configuration, string key, int parsed, int ours) =>
        configuration.Contains(key + "=", StringComparison.OrdinalIgnoreCase) ? parsed : ours;
}
