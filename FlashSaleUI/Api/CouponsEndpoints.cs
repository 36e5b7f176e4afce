using System.Text;
using FlashSaleUI.Core.Coupons;

namespace FlashSaleUI.Api;

/// <summary>Who won: a member's own coupon (the ticket's member only, rate limited) and every winner of a sale (operators).</summary>
public static class CouponsEndpoints
{
    public static IEndpointRouteBuilder MapCouponsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events/{code}").ChecksEventCode().WithTags("Coupons");
        events.MapGet("/claims/me", LookUpAsync).RequireRateLimiting(CouponLookupLimiting.Policy);
        var operators = events.MapGroup("").RequireAuthorization(OperatorSecurity.OperatorPolicy);
        operators.MapGet("/coupons", ListAsync);
        operators.MapGet("/coupons.csv", ExportAsync).Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return app;
    }

    /// <summary>The caller's own coupon (the member the ticket names) once it is stored. Unknown event, no coupon and
    /// not stored yet are one and the same 404.</summary>
    public static async Task<Results<Ok<CouponLookupResponse>, NotFound<object>, ValidationProblem, UnauthenticatedResult>> LookUpAsync(
        string code, HttpRequest request, MemberTickets tickets, IStoredCoupons coupons, CancellationToken ct)
    {
        var eventCode = EventCodeCheck.From(code);
        if (await tickets.MemberOfAsync(request, ct) is not { } member) return UnauthenticatedResult.Instance;
        request.HttpContext.Response.Headers.CacheControl = "no-store"; // personal: never in a shared cache
        return await coupons.FindAsync(eventCode, member, ct) is { } coupon
            ? TypedResults.Ok(new CouponLookupResponse(ClaimStatusNames.Issued, coupon.CouponCode))
            : TypedResults.NotFound<object>(new { status = ClaimStatusNames.NotFound });
    }

    public static async Task<Results<Ok<CouponPage>, ProblemHttpResult, ValidationProblem>> ListAsync(
        string code, string? member, string? after, int? limit, string? order, IStoredCoupons coupons, IEventStore events,
        CancellationToken ct)
    {
        var eventCode = EventCodeCheck.From(code);
        var byTime = string.Equals(order, "issuedAt", StringComparison.OrdinalIgnoreCase);
        if (order is not null && !byTime && !string.Equals(order, "memberId", StringComparison.OrdinalIgnoreCase))
            return ApiProblems.Invalid("order", "Order must be memberId or issuedAt.");
        if (!string.IsNullOrEmpty(member) && !MemberId.TryParse(member, out _))
            return ApiProblems.Invalid("member", $"A member search must be {MemberId.Rule}.");
        if (limit is < 1 or > CouponQuery.MaxLimit)
            return ApiProblems.Invalid("limit", $"Limit must be 1 to {CouponQuery.MaxLimit}.");
        if (!CouponCursor.IsValid(after, byTime))
            return ApiProblems.Invalid("after", "After must be the next value of a previous page.");
        if (await events.GetAsync(eventCode, ct) is null) return ApiProblems.EventNotFound(code);
        return TypedResults.Ok(await coupons.PageAsync(eventCode,
            new CouponQuery(member, after, limit ?? CouponQuery.DefaultLimit, byTime ? CouponOrder.IssuedAt : CouponOrder.MemberId), ct));
    }

    /// <summary>Streams the CSV straight from PostgreSQL to the client: a million winners never sit in memory.</summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult, ValidationProblem>> ExportAsync(
        string code, HttpContext http, IStoredCoupons coupons, IEventStore events, CancellationToken ct)
    {
        var eventCode = EventCodeCheck.From(code);
        if (await events.GetAsync(eventCode, ct) is null) return ApiProblems.EventNotFound(code);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{eventCode.Value}-coupons.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await using (var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024))
            await coupons.WriteCsvAsync(eventCode, writer, ct);
        return TypedResults.Empty;
    }
}
