using FlashSaleUI.Components.Member;

namespace FlashSaleUI.Api;

public static class MemberPageEndpoints
{
    /// <summary>/claim/{code}: the member page, static HTML with its own script (no circuit per member).</summary>
    public static IEndpointRouteBuilder MapMemberPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/claim/{code}", async (string code, MemberPageRenderer pages) =>
            Results.Content(await pages.RenderAsync(code), "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }
}
