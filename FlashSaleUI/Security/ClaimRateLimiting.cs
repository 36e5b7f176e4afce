namespace FlashSaleUI.Security;

/// <summary>Claims are limited per client address (middleware, before the body is read) and per member and event
/// (after validation, so the partition key is built only from a valid code and member id). Limits are per app
/// instance; with N instances behind a balancer a client gets up to N times as much.</summary>
public static class ClaimRateLimiting
{
    public const string ByAddressPolicy = "claims-by-address";

    public static IServiceCollection AddClaimRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<MemberClaimLimiter>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) => new ValueTask(RateLimitedResult.From(ctx.Lease).ExecuteAsync(ctx.HttpContext));
            o.AddAddressTokenBucket(ByAddressPolicy, l => (l.PerAddressBurst, l.PerAddressPerSecond), TimeSpan.FromSeconds(1));
            o.AddAddressTokenBucket(Members.MemberSignIn.TicketsPolicy, l => (l.TicketsPerAddressBurst, l.TicketsPerAddressPerSecond),
                TimeSpan.FromSeconds(1));
            o.AddAddressTokenBucket(CouponLookupLimiting.Policy, l => (l.LookupsPerAddressBurst, l.LookupsPerAddressPerMinute),
                TimeSpan.FromMinutes(1));
        });
        return services;
    }
}
