using Confluent.Kafka;
using FlashSaleUI.Core.Kafka;

namespace FlashSaleUI.Tests.Integration.Kafka;

public sealed class NativeLibraryTests
{
    [Fact]
    public void Clients_and_the_embedded_broker_use_the_librdkafka_shipped_with_the_app()
    {
        NativeKafka.EnsureLoaded();
        using var broker = new KafkaMockCluster(brokers: 1); // the mock API, P/Invoked through the same handle

        // the package's own build, from the app's folder: never a system librdkafka (Debian's is 2.0.2)
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), NativeKafka.LoadedFrom);
        Assert.Equal("2.16.0", Library.VersionString);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        broker.CreateTopic("native-check", 2);
        var topic = admin.GetMetadata("native-check", TimeSpan.FromSeconds(10)).Topics.Single();
        Assert.Equal(2, topic.Partitions.Count);
    }
}
