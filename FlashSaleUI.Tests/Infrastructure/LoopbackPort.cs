using System.Net.Sockets;

namespace FlashSaleUI.Tests.Infrastructure;

public static class LoopbackPort
{
    /// <summary>A loopback port free right now (the OS picks it).</summary>
    public static int Free()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
