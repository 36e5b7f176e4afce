using System.Runtime.InteropServices;
using System.Text;

namespace FlashSaleUI.Core.Kafka;

/// <summary>The embedded development broker: librdkafka's mock cluster, which speaks the real Kafka protocol on
/// loopback TCP, so ordinary clients (ours, kcat) use it unchanged. In memory only, and it silently drops data past
/// about 5 MiB per partition: for local runs and tests, never production (docker-compose runs Apache Kafka).
/// Confluent.Kafka does not wrap this API; it is P/Invoked from the same bundled librdkafka the clients use.</summary>
public sealed class KafkaMockCluster : IDisposable
{
    private readonly IntPtr _rk;
    private readonly IntPtr _cluster;
    private bool _disposed;

    public string BootstrapServers { get; }
    public int Brokers { get; }

    public KafkaMockCluster(int brokers = 1)
    {
        NativeKafka.EnsureLoaded();
        var error = new StringBuilder(512);
        var conf = Native.rd_kafka_conf_new();
        Native.rd_kafka_conf_set(conf, "log_level", "3", error, (UIntPtr)error.Capacity);
        _rk = Native.rd_kafka_new(0 /* producer */, conf, error, (UIntPtr)error.Capacity);
        if (_rk == IntPtr.Zero) throw new InvalidOperationException("rd_kafka_new failed: " + error);
        _cluster = Native.rd_kafka_mock_cluster_new(_rk, brokers);
        if (_cluster == IntPtr.Zero) throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        BootstrapServers = Marshal.PtrToStringUTF8(Native.rd_kafka_mock_cluster_bootstraps(_cluster))!;
        Brokers = brokers;
    }

    /// <summary>AdminClient.CreateTopics is not supported by the mock; topics are made here.</summary>
    public void CreateTopic(string topic, int partitions)
    {
        var err = Native.rd_kafka_mock_topic_create(_cluster, topic, partitions, 1);
        if (err != 0) throw new InvalidOperationException($"creating topic {topic} failed: error {err}");
    }

    /// <summary>Takes every broker down (connections refused) or brings them back: a broker outage.</summary>
    public void SetAllBrokers(bool up)
    {
        for (var id = 1; id <= Brokers; id++)
            _ = up ? Native.rd_kafka_mock_broker_set_up(_cluster, id) : Native.rd_kafka_mock_broker_set_down(_cluster, id);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Native.rd_kafka_mock_cluster_destroy(_cluster);
        Native.rd_kafka_destroy(_rk);
    }

    private static class Native
    {
        private const string Lib = NativeKafka.LibraryName; // resolved by NativeKafka to the bundled library
        [DllImport(Lib)] public static extern IntPtr rd_kafka_conf_new();
        [DllImport(Lib)] public static extern int rd_kafka_conf_set(IntPtr conf, string name, string value,
            StringBuilder errstr, UIntPtr errstrSize);
        [DllImport(Lib)] public static extern IntPtr rd_kafka_new(int type, IntPtr conf, StringBuilder errstr, UIntPtr errstrSize);
        [DllImport(Lib)] public static extern void rd_kafka_destroy(IntPtr rk);
        [DllImport(Lib)] public static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);
        [DllImport(Lib)] public static extern void rd_kafka_mock_cluster_destroy(IntPtr cluster);
        [DllImport(Lib)] public static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);
        [DllImport(Lib)] public static extern int rd_kafka_mock_topic_create(IntPtr cluster, string topic,
            int partitions, int replicationFactor);
        [DllImport(Lib)] public static extern int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);
        [DllImport(Lib)] public static extern int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);
    }
}
