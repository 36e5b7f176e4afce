using Polly;
using Polly.Retry;

namespace FlashSaleUI.Core.Pipeline;

/// <summary>Every retry of the pipeline, named and configured here: Polly retry pipelines with exponential backoff and
/// jitter that retry until the app stops (nothing is dropped). With jitter, N instances that failed together (a broker
/// or database outage) do not all try again in the same instant.</summary>
public static class PipelineRetries
{
    /// <summary>A relay or sink loop that failed as a whole starts again with new clients: about 1 s, doubling to 30 s.</summary>
    public static readonly Backoff Restart = new("pipeline-restart", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>An event's messages Kafka did not take are sent again: about 200 ms, doubling to 5 s.</summary>
    public static readonly Backoff Redelivery = new("relay-redelivery", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    /// <summary>A relay round that failed (Redis unreachable, say) runs again: about 500 ms, doubling to 5 s.</summary>
    public static readonly Backoff RelayRound = new("relay-round", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));

    /// <summary>A batch PostgreSQL could not store (down, failing over) is stored again: about 200 ms, doubling to 5 s.</summary>
    public static readonly Backoff SinkStore = new("sink-store", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
}

/// <summary>One named backoff: exponential from <see cref="First"/> to <see cref="Max"/>, with jitter.</summary>
public sealed record Backoff(string Name, TimeSpan First, TimeSpan Max)
{
    /// <summary>A pipeline retrying the failures <paramref name="handles"/> accepts until they stop or the token passed
    /// to it is cancelled; <paramref name="retrying"/> is told of each, with the delay before the next try.</summary>
    /// <param name="randomizer">the jitter's source of randomness (tests); Polly's own by default</param>
    public ResiliencePipeline Pipeline(TimeProvider clock, Func<Exception, bool> handles, Action<Exception, TimeSpan> retrying,
        Func<double>? randomizer = null)
    {
        var retry = new RetryStrategyOptions
        {
            Name = Name,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                && !args.Context.CancellationToken.IsCancellationRequested && handles(e)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = First,
            MaxDelay = Max,
            OnRetry = args =>
            {
                retrying(args.Outcome.Exception!, args.RetryDelay);
                return default;
            },
        };
        if (randomizer is not null) retry.Randomizer = randomizer;
        return new ResiliencePipelineBuilder { Name = Name, TimeProvider = clock }.AddRetry(retry).Build();
    }
}
