using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Core.Events;

/// <summary>Runs <see cref="LiveStateGuard.CheckActiveAsync"/> every few seconds, so Redis losing data is noticed
/// while the app runs, not only at its next start. Costs one PostgreSQL query plus one Redis call per active event.</summary>
public sealed class LiveStateWatch(LiveStateGuard guard, IOptions<LiveStateOptions> options, TimeProvider clock,
    ILogger<LiveStateWatch> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckSeconds), clock);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            try { await guard.CheckActiveAsync(stop); }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { log.LogWarning(e, "Checking the live state of events failed; trying again"); }
        }
    }
}
