using FlashSaleUI.Core.Redis;
using StackExchange.Redis;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>One connection to a real Redis (standalone or a 3-master cluster) shared by a test class.</summary>
public abstract class RedisTarget : IDisposable
{
    public ConnectionMultiplexer Connection { get; }
    public RedisScripts Scripts { get; } = new();
    public abstract bool IsCluster { get; }

    protected RedisTarget(string configuration) => Connection = RedisConnector.Connect(configuration);

    public void Dispose() => Connection.Dispose();
}

public sealed class StandaloneRedis() : RedisTarget(TestEnvironment.Redis)
{
    public override bool IsCluster => false;
}

public sealed class ClusterRedis() : RedisTarget(TestEnvironment.RedisCluster)
{
    public override bool IsCluster => true;
}

public static class TestCodes
{
    /// <summary>A unique valid event code, so tests sharing a server never see each other's keys.</summary>
    public static string New(string prefix = "T") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(32, prefix.Length + 13)].ToUpperInvariant();
}
