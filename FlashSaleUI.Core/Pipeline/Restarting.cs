namespace FlashSaleUI.Core.Pipeline;

/// <summary>Runs a pipeline loop so that it never stops by itself: whatever it throws, it is started again (with new
/// clients) after a backoff of 1 s doubling to 30 s, until the app stops.</summary>
public static class Restarting
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30);

    /// <param name="run">the loop; returning ends it for good (the app is stopping)</param>
    /// <param name="failed">told of each failure and the delay before the next start (log it, count it)</param>
    public static async Task RunAsync(Func<CancellationToken, Task> run, Action<Exception, TimeSpan> failed, TimeProvider clock,
        CancellationToken stop)
    {
        var delay = FirstDelay;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await run(stop);
                return;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                failed(e, delay);
                try { await Task.Delay(delay, clock, stop); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
            }
        }
    }
}
