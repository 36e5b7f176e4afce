namespace FlashSaleUI.Core.Pipeline;

/// <summary>Runs a pipeline loop so that it never stops by itself: whatever it throws, it is started again (with new
/// clients) after <see cref="PipelineRetries.Restart"/>'s backoff, until the app stops.</summary>
public static class Restarting
{
    /// <param name="run">the loop; returning ends it for good (the app is stopping)</param>
    /// <param name="failed">told of each failure and the delay before the next start (log it, count it)</param>
    /// <param name="randomizer">the backoff's jitter source (tests)</param>
    public static async Task RunAsync(Func<CancellationToken, Task> run, Action<Exception, TimeSpan> failed, TimeProvider clock,
        CancellationToken stop, Func<double>? randomizer = null)
    {
        var restarts = PipelineRetries.Restart.Pipeline(clock, _ => true, failed, randomizer);
        try { await restarts.ExecuteAsync(async ct => await run(ct), stop); }
        // the app is stopping: a failure now (Redis down during the drain, say) ends the loop like the stop itself
        catch (Exception) when (stop.IsCancellationRequested) { }
    }
}
