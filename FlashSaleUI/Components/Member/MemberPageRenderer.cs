using FlashSaleUI.Api;
using FlashSaleUI.Core.Concurrency;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace FlashSaleUI.Components.Member;

/// <summary>Renders the member page of a sale at most once a second per instance and serves that copy: everyone
/// opens it in the same second, and it is the same for every member. The page's script reads the live count once a
/// second anyway, so a copy up to a second old shows nothing stale for long.</summary>
public sealed class MemberPageRenderer(IServiceScopeFactory scopes, EventReads events, ILoggerFactory loggers, TimeProvider clock,
    Microsoft.Extensions.Options.IOptionsMonitor<FlashSaleUI.Core.Members.MembersOptions> members)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly SharedResults<string, PublicCaching.EncodedBody> _pages = new(MaxAge, clock);

    /// <summary>The page of this code with its ETag: a copy at most a second old, or the one render now under way.</summary>
    public Task<PublicCaching.EncodedBody> RenderAsync(string code) => _pages.GetOrStart(code, async c =>
        PublicCaching.EncodedBody.Of(System.Text.Encoding.UTF8.GetBytes(await RenderNowAsync(c)), "text/html; charset=utf-8"));

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
                [nameof(MemberDocument.SignIn)] = MemberSignInModes.Of(members.CurrentValue),
            }));
            return output.ToHtmlString();
        });
    }
}
