namespace FlashSaleUI.Tests.Infrastructure;

/// <summary>Releases everyone once <c>participants</c> callers have arrived (an await-friendly Barrier), used to make
/// a race window certain instead of likely.</summary>
public sealed class AsyncBarrier(int participants)
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task SignalAndWaitAsync()
    {
        if (Interlocked.Increment(ref _arrived) == participants) _released.SetResult();
        return _released.Task;
    }
}
