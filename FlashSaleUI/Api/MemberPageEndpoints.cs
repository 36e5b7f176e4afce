using FlashSaleUI.Components.Member;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSaleUI.Api;

public static class MemberPageEndpoints
{
    /// <summary>/claim/{code}: the member page, static HTML with its own script (no circuit per member).</summary>
    public static IEndpointRouteBuilder MapMemberPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/claim/{code}", PageAsync).ExcludeFromDescription();
        return app;
    }

    public static async Task<ContentHttpResult> PageAsync(string code, MemberPageRenderer pages) =>
        TypedResults.Content(await pages.RenderAsync(code), "text/html; charset=utf-8");
}
