using StackExchange.Redis;

namespace FlashSaleUI.Core.Redis;

public static class RedisConnector
{
    /// <summary>Connects with the settings this SE.Redis version needs (docs/DEPENDENCIES.md).</summary>
    public static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        var multiplexer = ConnectionMultiplexer.Connect(options);
        // 1.2.6's default (true) completes async calls in order on one thread; inside ASP.NET Core on .NET 10
        // every async call then stalls forever after startup.
        multiplexer.PreserveAsyncOrder = false;
        return multiplexer;
    }
}
