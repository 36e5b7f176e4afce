using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>A SignalR client speaking the JSON hub protocol over a raw WebSocket (the .NET SignalR client package
/// does not restore here): handshake, invocations, and every message received with the time it arrived.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _nextId;

    public ConcurrentQueue<(TimeSpan At, JsonElement Message)> Received { get; } = new();

    private HubClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public static async Task<HubClient> ConnectAsync(Func<Task<WebSocket>> connect)
    {
        var socket = await connect();
        await SendRawAsync(socket, """{"protocol":"json","version":1}""");
        var client = new HubClient(socket);
        await Eventually.HoldsAsync(() => Task.FromResult(client.Received.Any(m => m.Message.ValueKind == JsonValueKind.Object && !m.Message.TryGetProperty("type", out _))),
            TimeSpan.FromSeconds(5), () => Task.FromResult("no handshake response"));
        return client;
    }

    /// <summary>Invokes a hub method and waits for its completion message; returns its result.</summary>
    public async Task<JsonElement?> InvokeAsync(string target, params object[] args)
    {
        var id = Interlocked.Increment(ref _nextId).ToString();
        await SendRawAsync(_socket, JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments = args }));
        JsonElement completion = default;
        await Eventually.HoldsAsync(() => Task.FromResult(Received.Any(m => IsCompletion(m.Message, id, out completion))),
            TimeSpan.FromSeconds(5), () => Task.FromResult($"no completion for {target}"));
        if (completion.TryGetProperty("error", out var error)) throw new InvalidOperationException(error.GetString());
        return completion.TryGetProperty("result", out var result) ? result : null;
    }

    /// <summary>Messages the server sent by calling <paramref name="target"/> on the client.</summary>
    public List<(TimeSpan At, JsonElement Argument)> Calls(string target) => Received
        .Where(m => m.Message.ValueKind == JsonValueKind.Object && m.Message.TryGetProperty("type", out var t) && t.GetInt32() == 1
                    && m.Message.GetProperty("target").GetString() == target)
        .Select(m => (m.At, m.Message.GetProperty("arguments")[0])).ToList();

    private static bool IsCompletion(JsonElement message, string id, out JsonElement completion)
    {
        completion = message;
        return message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t) && t.GetInt32() == 3
               && message.GetProperty("invocationId").GetString() == id;
    }

    private static Task SendRawAsync(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var read = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (read.MessageType == WebSocketMessageType.Close) break;
                pending.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
                var text = pending.ToString();
                var last = text.LastIndexOf(Separator);
                if (last < 0) continue;
                foreach (var frame in text[..last].Split(Separator, StringSplitOptions.RemoveEmptyEntries))
                    Received.Enqueue((_clock.Elapsed, JsonDocument.Parse(frame).RootElement.Clone()));
                pending.Clear().Append(text[(last + 1)..]);
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); } catch (Exception) { }
        await _reader;
        _socket.Dispose();
    }
}
