using FlashSaleUI.Core.Events;
using FlashSaleUI.Core.Stats;
using Microsoft.AspNetCore.SignalR;

namespace FlashSaleUI.Hubs;

/// <summary>Holds one stats-feed subscription per event that at least one hub connection watches, and forwards its
/// snapshots to that event's SignalR group: one sample per event however many browsers watch it.</summary>
public sealed class HubWatchers(IStatsFeed feed, IHubContext<SalesHub> hub)
{
    public const int MaxPerConnection = 20;
    private readonly object _gate = new();
    private readonly Dictionary<EventCode, (IDisposable Subscription, HashSet<string> Connections)> _events = new();
    private readonly Dictionary<string, HashSet<EventCode>> _connections = new();

    public static string Group(EventCode code) => "event:" + code.Value;

    public StatsMessage? Latest(EventCode code) => feed.Latest(code) is { } s ? StatsMessage.From(s) : null;

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
                var subscription = feed.Subscribe(code, snapshot =>
                    hub.Clients.Group(Group(code)).SendAsync(SalesHub.StatsMethod, StatsMessage.From(snapshot)));
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
}
