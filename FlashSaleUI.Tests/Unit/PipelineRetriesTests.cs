using FlashSaleUI.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace FlashSaleUI.Tests.Unit;

/// <summary>Each named backoff of the pipeline, run through its Polly pipeline on a fake clock: retried exactly when
/// its delay has passed, exponential up to its maximum, and jittered, so two instances do not retry in lockstep.</summary>
public class PipelineRetriesTests
{
    public static TheoryData<string> Backoffs => new() { "Restart", "Redelivery", "RelayRound", "SinkStore" };

    private static Backoff Named(string name) => name switch
    {
        "Restart" => PipelineRetries.Restart,
        "Redelivery" => PipelineRetries.Redelivery,
        "RelayRound" => PipelineRetries.RelayRound,
        _ => PipelineRetries.SinkStore,
    };

    [Theory]
    [MemberData(nameof(Backoffs))]
    public async Task Failures_are_retried_after_a_growing_jittered_delay_up_to_the_maximum(string name)
    {
        var backoff = Named(name);
        var one = await DelaysAsync(backoff, new Random(1).NextDouble, failures: 14);
        var other = await DelaysAsync(backoff, new Random(2).NextDouble, failures: 14);

        Assert.All(one.Concat(other), d => Assert.InRange(d, TimeSpan.Zero, backoff.Max));
        Assert.NotEqual(one.Take(6), other.Take(6)); // jitter: two instances that failed together part ways
        Assert.True(one.Skip(6).Take(3).Average(d => d.Ticks) > one.Take(3).Average(d => d.Ticks) * 2, "growing");
        Assert.Equal(backoff.Max, one[^1]); // after enough failures, the maximum
        Assert.InRange(one.Take(3).Average(d => d.TotalMilliseconds), 0, backoff.First.TotalMilliseconds * 4); // starts small
    }

    [Fact]
    public async Task A_failure_it_does_not_handle_ends_the_retries_at_once()
    {
        var clock = new FakeTimeProvider();
        var retries = 0;
        var pipeline = PipelineRetries.SinkStore.Pipeline(clock, e => e is not ArgumentException, (_, _) => retries++);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            pipeline.ExecuteAsync(_ => throw new ArgumentException("never transient"), CancellationToken.None).AsTask());
        Assert.Equal(0, retries);
    }

    private static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);

    /// <summary>Runs a pipeline whose work fails <paramref name="failures"/> times, advancing the fake clock by each
    /// delay: a millisecond short of it the work has not run again, at the delay it has.</summary>
    private static async Task<List<TimeSpan>> DelaysAsync(Backoff backoff, Func<double> random, int failures)
    {
        var clock = new FakeTimeProvider();
        var delays = new List<TimeSpan>();
        var attempts = 0;
        var pipeline = backoff.Pipeline(clock, _ => true, (_, delay) => delays.Add(delay), random);
        var run = pipeline.ExecuteAsync(_ => ++attempts <= failures ? throw new InvalidOperationException("down")
            : ValueTask.CompletedTask, CancellationToken.None).AsTask();
        for (var i = 0; i < failures; i++)
        {
            await UntilAsync(() => delays.Count == i + 1);
            if (delays[i] > OneMs)
            {
                clock.Advance(delays[i] - OneMs);
                await Task.Delay(10);
                Assert.Equal(i + 1, attempts); // not a millisecond early (timers count whole milliseconds)
                clock.Advance(OneMs);
            }
            else clock.Advance(delays[i]);
            await UntilAsync(() => attempts == i + 2);
        }
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        return delays;
    }

    // continuations after a fake-clock advance may run on the thread pool: wait for them, briefly
    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1_000 && !condition(); i++) await Task.Delay(2);
        Assert.True(condition());
    }
}
