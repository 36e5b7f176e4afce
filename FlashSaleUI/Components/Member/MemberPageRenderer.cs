using System.Collections.Concurrent;
using FlashSaleUI.Core.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace FlashSaleUI.Components.Member;

/// <summary>Renders the member page of a sale at most once a second per instance and serves that copy: everyone
/// opens it in the same second, and it is the same for every member. The live count on it arrives over SignalR
/// anyway, so a copy up to a second old shows nothing stale for long.</summary>
public sealed class MemberPageRenderer(IServiceScopeFactory scopes, EventService events, ILoggerFactory loggers, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, (Task<string> Html, DateTimeOffset RenderedAt)> _pages = new();

    public Task<string> RenderAsync(string code)
    {
        var now = clock.GetUtcNow();
        if (_pages.TryGetValue(code, out var page) && now - page.RenderedAt < MaxAge && !page.Html.IsFaulted) return page.Html;
        if (_pages.Count > 10_000) _pages.Clear(); // bounded whatever codes callers invent
        // one render per code at a time: concurrent requests share it
        var render = new Lazy<Task<string>>(() => RenderNowAsync(code));
        return _pages.AddOrUpdate(code, _ => (render.Value, now),
            (_, old) => now - old.RenderedAt < MaxAge && !old.Html.IsFaulted ? old : (render.Value, now)).Html;
    }

    private async Task<string> RenderNowAsync(string code)
    {
        var sale = EventCode.TryParse(code, out var eventCode) ? await events.GetAsync(eventCode) : null;
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MemberDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MemberDocument.Code)] = code,
                [nameof(MemberDocument.Event)] = sale,
            }));
            return output.ToHtmlString();
        });
    }
}
