namespace FlashSaleUI.Core.Pipeline;

/// <summary>The dead letters the sink recorded (it adds them through <see cref="ICouponBatchStore"/>, in the batch's
/// transaction).</summary>
public interface IDeadLetters
{
    Task<IReadOnlyList<DeadLetterView>> ListAsync(int limit, CancellationToken ct = default);

    /// <summary>Dead letters not replayed yet: all of them (null), or one event's.</summary>
    Task<long> CountOpenAsync(string? eventCode, CancellationToken ct = default);

    /// <summary>Locks the dead letter, hands its key and value to <paramref name="resend"/>, and marks it replayed once
    /// that succeeded. False when there is no such dead letter or it was replayed already.</summary>
    Task<bool> ReplayAsync(long id, Func<string?, string?, CancellationToken, Task> resend, CancellationToken ct = default);
}
