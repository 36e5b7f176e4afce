using System.Threading.RateLimiting;
using FlashSaleUI.Core.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

/// <summary>Failed operator sign-ins per client address, for HTTP Basic and the sign-in form alike: past the limit
/// in a minute, that address is refused (429) until the minute is over, right password or not, so the password
/// cannot be guessed at request speed. Each counted failure is in the audit trail (refused ones are not: an attacker
/// cannot fill the trail faster than the limit).</summary>
public sealed class OperatorSignInThrottle(IOptionsMonitor<FlashSaleOptions> options, IAuditLog audit,
    ILogger<OperatorSignInThrottle> log) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.CurrentValue.OperatorSignInFailuresPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool IsBlocked(HttpContext http) => _failures.GetStatistics(ClientAddress.Of(http))?.CurrentAvailablePermits == 0;

    public async Task RecordFailureAsync(HttpContext http, string? triedUser)
    {
        using (_failures.AttemptAcquire(ClientAddress.Of(http))) { }
        try
        {
            await audit.RecordAsync(AuditActor.From(triedUser, ClientAddress.Of(http)), AuditAction.SignInFailed, null,
                http.Request.Path.StartsWithSegments("/account") ? "sign-in form" : "HTTP Basic", http.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // the refusal stands whether or not the trail could be written
            log.LogWarning(e, "Could not record a failed operator sign-in in the audit trail");
        }
    }

    public void Dispose() => _failures.Dispose();
}
