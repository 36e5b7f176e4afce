using FlashSaleUI.Components.Member;

namespace FlashSaleUI.Api;

public static class MemberPageEndpoints
{
    /// <summary>/claim/{code}: the member page, static HTML with its own script (no circuit per member).</summary>
    public static IEndpointRouteBuilder MapMemberPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/claim/{code}", PageAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>The same page for everyone (the member's sign-in lives in the browser), so caches may hold it.</summary>
    public static async Task<PublicCaching.CachedResult> PageAsync(string code, MemberPageRenderer pages) =>
        new(await pages.RenderAsync(code));
}
