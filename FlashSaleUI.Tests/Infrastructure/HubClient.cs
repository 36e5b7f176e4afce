using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>The .NET SignalR client on the app's hub (over WebSockets through the test server), recording every
/// server-to-client call with the time it arrived.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<(TimeSpan At, string Target, JsonElement Argument)> _received = new();

    private HubClient(HubConnection connection) => _connection = connection;

    /// <summary>Connects to <paramref name="path"/> on the test server, with <paramref name="token"/> (an operator's
    /// personal token; the hub takes no anonymous connection), and records calls of <paramref name="targets"/>.</summary>
    public static async Task<HubClient> ConnectAsync(TestServer server, string path, string? token, params string[] targets)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, ct) =>
                {
                    var client = server.CreateWebSocketClient();
                    if (token is not null) client.ConfigureRequest = r => r.Headers.Authorization = $"Bearer {token}";
                    return await client.ConnectAsync(new UriBuilder(context.Uri) { Scheme = "ws" }.Uri, ct);
                };
            })
            .Build();
        var client = new HubClient(connection);
        foreach (var target in targets)
            connection.On<JsonElement>(target, argument => client._received.Enqueue((client._clock.Elapsed, target, argument)));
        await connection.StartAsync();
        return client;
    }

    /// <summary>Invokes a hub method; returns its result. A HubException's message surfaces as InvalidOperationException.</summary>
    public async Task<JsonElement?> InvokeAsync(string target, params object[] args)
    {
        try
        {
            var result = await _connection.InvokeCoreAsync<JsonElement?>(target, args);
            return result is { ValueKind: not JsonValueKind.Null } ? result : null;
        }
        catch (HubException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    /// <summary>Messages the server sent by calling <paramref name="target"/> on the client, in arrival order.</summary>
    public List<(TimeSpan At, JsonElement Argument)> Calls(string target) =>
        _received.Where(m => m.Target == target).Select(m => (m.At, m.Argument)).ToList();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
