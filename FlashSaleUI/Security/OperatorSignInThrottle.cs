using System.Threading.RateLimiting;
using FlashSaleUI.Core.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

/// <summary>Failed operator sign-ins per client address, for HTTP Basic and the sign-in form alike: past the limit
/// in a minute, that address is refused (429) until the minute is over, right password or not, so the password
/// cannot be guessed at request speed.</summary>
public sealed class OperatorSignInThrottle(IOptions<FlashSaleOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.OperatorSignInFailuresPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public bool IsBlocked(HttpContext http) => _failures.GetStatistics(AddressOf(http))?.CurrentAvailablePermits == 0;

    public void RecordFailure(HttpContext http)
    {
        using var _ = _failures.AttemptAcquire(AddressOf(http));
    }

    public void Dispose() => _failures.Dispose();
}
