namespace FlashSaleUI.Core.Pipeline;

/// <summary>Orders a graceful stop: the relay empties the outboxes into Kafka, then the sink stores what Kafka still
/// holds for it, both within <see cref="PipelineOptions.DrainSeconds"/>. Without it, coupons taken from the outbox
/// but not yet stored would wait in Kafka, and with the embedded broker they would die with the process.</summary>
public sealed class PipelineDrain
{
    private readonly TaskCompletionSource _relayDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when this instance's relay has sent what it could (or is not running).</summary>
    public Task RelayDone => _relayDone.Task;

    public void MarkRelayDone() => _relayDone.TrySetResult();
}
