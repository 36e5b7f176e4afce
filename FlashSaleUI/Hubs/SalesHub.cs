using FlashSaleUI.Core.Stats;
using Microsoft.AspNetCore.SignalR;

namespace FlashSaleUI.Hubs;

/// <summary>/hubs/sales: a client calls Watch(code) and receives "stats" messages for that event (at most 10 a
/// second). For signed-in accounts and tokens of any role; members read the public (cacheable) event instead.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = OperatorSecurity.ViewerPolicy)]
public sealed class SalesHub(HubWatchers watchers) : Hub
{
    public const string Path = "/hubs/sales";
    public const string StatsMethod = "stats";

    public async Task<EventStats?> Watch(string code)
    {
        if (!EventCode.TryParse(code, out var eventCode)) throw new HubException($"Event code must be {EventCode.Rule}.");
        if (!await watchers.ExistsAsync(eventCode)) throw new HubException($"There is no sale with code {eventCode}.");
        if (!watchers.TryAdd(Context.ConnectionId, eventCode))
            throw new HubException($"A connection may watch at most {HubWatchers.MaxPerConnection} events.");
        await Groups.AddToGroupAsync(Context.ConnectionId, HubWatchers.Group(eventCode));
        return watchers.Latest(eventCode);
    }

    public async Task Unwatch(string code)
    {
        if (!EventCode.TryParse(code, out var eventCode)) return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubWatchers.Group(eventCode));
        watchers.Remove(Context.ConnectionId, eventCode);
    }

    public override Task OnConnectedAsync()
    {
        if (watchers.TryConnect()) Context.Items[Counted] = true;
        else Context.Abort(); // this instance is full: the client's reconnect lands elsewhere or later
        return base.OnConnectedAsync();
    }

    private const string Counted = "counted";

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.ContainsKey(Counted)) watchers.Disconnected();
        watchers.RemoveConnection(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
