namespace FlashSaleUI.Core.Pipeline;

public sealed record DeadLetterView(long Id, string Source, string? Key, string? Value, string? EventCode, string Reason,
    DateTimeOffset DeadLetteredAt, DateTimeOffset? ReplayedAt);
