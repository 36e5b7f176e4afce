using FlashSaleUI.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace FlashSaleUI.Tests.Unit;

/// <summary>The pipeline supervisor's backoff, on a fake clock: no test waits for the delays (about 1 s doubling to
/// 30 s, with jitter).</summary>
public class RestartingTests
{
    [Fact]
    public async Task A_failing_loop_is_restarted_after_each_backoff_never_a_tick_early_and_stops_when_it_returns()
    {
        var clock = new FakeTimeProvider();
        var delays = new List<TimeSpan>();
        var runs = 0;
        var supervisor = Restarting.RunAsync(_ =>
            {
                runs++;
                return runs <= 7 ? Task.FromException(new InvalidOperationException($"failure {runs}")) : Task.CompletedTask;
            },
            (_, delay) => delays.Add(delay), clock, CancellationToken.None, new Random(42).NextDouble);

        // each failure waits on the fake clock; advancing it by exactly the delay starts the loop again
        for (var i = 0; i < 7; i++)
        {
            await UntilAsync(() => delays.Count == i + 1); // the loop failed and is waiting
            Assert.Equal(i + 1, runs);
            clock.Advance(delays[^1] - TimeSpan.FromMilliseconds(1));
            await Task.Delay(20);
            Assert.Equal(i + 1, runs); // not a millisecond early (timers count whole milliseconds)
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await UntilAsync(() => runs == i + 2);
        }
        await supervisor.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(8, runs);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(1), PipelineRetries.Restart.Max));
        Assert.True(delays.Skip(4).Sum(d => d.TotalSeconds) > delays.Take(3).Sum(d => d.TotalSeconds) * 4, "exponential");
    }

    // continuations after a fake-clock advance may run on the thread pool: wait for them, briefly
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(2);
        Assert.True(condition());
    }

    [Fact]
    public async Task Stopping_the_app_ends_the_wait_at_once()
    {
        var clock = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        var supervisor = Restarting.RunAsync(_ => throw new InvalidOperationException("down"), (_, _) => { }, clock, stop.Token);
        stop.Cancel();
        await supervisor.WaitAsync(TimeSpan.FromSeconds(5)); // no clock advance needed
        Assert.True(supervisor.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_loop_that_fails_while_the_app_stops_ends_quietly()
    {
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var supervisor = Restarting.RunAsync(_ =>
        {
            stop.Cancel(); // the stop arrives, then the drain fails (Redis down, say)
            throw new InvalidOperationException("Redis: connection refused");
        }, (_, _) => failures++, new FakeTimeProvider(), stop.Token);
        await supervisor.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(supervisor.IsCompletedSuccessfully); // it used to fault, and the host logged "BackgroundService failed"
        Assert.Equal(0, failures); // not a failure to restart from: the app is stopping
    }
}
