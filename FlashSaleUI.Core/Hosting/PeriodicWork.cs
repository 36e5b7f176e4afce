using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSaleUI.Core.Hosting;

/// <summary>Work an instance does every so often until it stops (checking the live state, reading the ticket keys). The
/// period is read before each wait, so a changed setting applies; a failed run is logged as a warning, and the next
/// one comes at its time.</summary>
public sealed class PeriodicWork(string what, Func<TimeSpan> period, Func<CancellationToken, Task> work, TimeProvider clock,
    ILogger<PeriodicWork> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period(), clock, stop);
                await work(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning(e, "{What} failed; trying again at the next period", what); }
        }
    }
}

public static class PeriodicWorkRegistration
{
    /// <summary>Runs <paramref name="work"/> on <typeparamref name="T"/> every <paramref name="period"/>.</summary>
    public static IServiceCollection AddPeriodicWork<T>(this IServiceCollection services, string what,
        Func<IServiceProvider, TimeSpan> period, Func<T, CancellationToken, Task> work) where T : notnull =>
        services.AddHostedService(sp => new PeriodicWork(what, () => period(sp), ct => work(sp.GetRequiredService<T>(), ct),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PeriodicWork>>()));
}
