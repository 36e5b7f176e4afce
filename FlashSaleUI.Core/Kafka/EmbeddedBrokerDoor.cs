using System.Net;
using System.Net.Sockets;

namespace FlashSaleUI.Core.Kafka;

/// <summary>A fixed loopback address (127.0.0.1:9092 unless configured) for tools outside the app, such as kcat or a
/// test script, to reach the embedded broker, whose own port is chosen at random when it starts. Each connection is
/// passed through to the broker byte for byte. Kafka clients only bootstrap here: the metadata they get back names the
/// broker's own address, and they talk to it directly from then on. The app's own clients use that address from the
/// start, so the door costs the pipeline nothing.</summary>
public sealed class EmbeddedBrokerDoor : IDisposable
{
    private readonly TcpListener _listener;
    private readonly DnsEndPoint _broker;
    private readonly CancellationTokenSource _closing = new();

    public string Address { get; }

    private EmbeddedBrokerDoor(TcpListener listener, DnsEndPoint broker)
    {
        _listener = listener;
        _broker = broker;
        Address = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        _ = AcceptAsync();
    }

    /// <summary>Opens the door on <paramref name="port"/> to the first broker of <paramref name="bootstrapServers"/>;
    /// null when the port is taken (a real Kafka, or another instance, is there already).</summary>
    public static EmbeddedBrokerDoor? TryOpen(int port, string bootstrapServers)
    {
        var first = bootstrapServers.Split(',')[0];
        var colon = first.LastIndexOf(':');
        var broker = new DnsEndPoint(first[..colon], int.Parse(first[(colon + 1)..]));
        var listener = new TcpListener(IPAddress.Loopback, port);
        try { listener.Start(); }
        catch (SocketException) { return null; }
        return new EmbeddedBrokerDoor(listener, broker);
    }

    private async Task AcceptAsync()
    {
        while (!_closing.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_closing.Token); }
            catch (Exception) when (_closing.IsCancellationRequested) { return; }
            catch (SocketException) { continue; }
            _ = PassThroughAsync(client);
        }
    }

    private async Task PassThroughAsync(TcpClient client)
    {
        using var _ = client;
        using var broker = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await broker.ConnectAsync(_broker.Host, _broker.Port, _closing.Token);
            var inbound = client.GetStream();
            var outbound = broker.GetStream();
            // either side closing ends the pair
            await Task.WhenAny(inbound.CopyToAsync(outbound, _closing.Token), outbound.CopyToAsync(inbound, _closing.Token));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException) { }
    }

    public void Dispose()
    {
        _closing.Cancel();
        _listener.Stop();
        _closing.Dispose();
    }
}
