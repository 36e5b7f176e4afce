using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Core.Stats;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Hubs;

/// <summary>Holds one stats-feed subscription per event that at least one hub connection watches, and forwards its
/// stats to that event's SignalR group: one sample per event however many browsers watch it. Only events that
/// exist are watched (an unknown code costs one lookup, then nothing for a while), and connections are bounded.</summary>
public sealed class HubWatchers(IStatsFeed feed, IHubContext<SalesHub> hub, IEventStore events, IOptions<FlashSaleOptions> options,
    TimeProvider clock, ILogger<HubWatchers> log) : IDisposable
{
    public const int MaxPerConnection = 20;
    private static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(30);
    // code -> whether it exists: found, kept (events are never deleted); not found, kept 30 s; bounded whatever
    // codes callers invent
    private readonly MemoryCache _lookups = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private int _connectionCount;
    private readonly object _gate = new();
    private readonly Dictionary<EventCode, (IDisposable Subscription, HashSet<string> Connections)> _events = new();
    private readonly Dictionary<string, HashSet<EventCode>> _connections = new();

    public static string Group(EventCode code) => "event:" + code.Value;

    public EventStats? Latest(EventCode code) => feed.Latest(code);

    public int MaxConnections => options.Value.HubMaxConnections;

    /// <summary>False when this instance already serves as many hub connections as it may (the caller aborts).</summary>
    public bool TryConnect()
    {
        if (Interlocked.Increment(ref _connectionCount) <= MaxConnections) return true;
        Interlocked.Decrement(ref _connectionCount);
        return false;
    }

    public void Disconnected() => Interlocked.Decrement(ref _connectionCount);

    /// <summary>Whether the event exists, from memory where possible: a code found once stays known, a code not found
    /// is not looked up again for 30 s, whoever asks.</summary>
    public async Task<bool> ExistsAsync(EventCode code)
    {
        if (_lookups.TryGetValue(code.Value, out bool exists)) return exists;
        exists = await events.GetAsync(code) is not null;
        var entry = new MemoryCacheEntryOptions { Size = 1 };
        if (!exists) entry.AbsoluteExpirationRelativeToNow = UnknownFor;
        return _lookups.Set(code.Value, exists, entry);
    }

    public bool TryAdd(string connection, EventCode code)
    {
        lock (_gate)
        {
            var watching = _connections.TryGetValue(connection, out var set) ? set : _connections[connection] = [];
            if (watching.Contains(code)) return true;
            if (watching.Count >= MaxPerConnection) return false;
            watching.Add(code);
            if (!_events.TryGetValue(code, out var entry))
            {
                var group = hub.Clients.Group(Group(code));
                var sender = new GroupSender((message, ct) => group.SendAsync(SalesHub.StatsMethod, message, ct), log, clock);
                var subscription = feed.Subscribe(code, stats => sender.PostAsync(stats));
                _events[code] = entry = (subscription, []);
            }
            entry.Connections.Add(connection);
            return true;
        }
    }

    public void Remove(string connection, EventCode code)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connection, out var watching)) watching.Remove(code);
            Release(connection, code);
        }
    }

    public void RemoveConnection(string connection)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connection, out var watching)) return;
            foreach (var code in watching) Release(connection, code);
        }
    }

    private void Release(string connection, EventCode code)
    {
        if (!_events.TryGetValue(code, out var entry)) return;
        entry.Connections.Remove(connection);
        if (entry.Connections.Count > 0) return;
        entry.Subscription.Dispose();
        _events.Remove(code);
    }

    public void Dispose() => _lookups.Dispose();
}
