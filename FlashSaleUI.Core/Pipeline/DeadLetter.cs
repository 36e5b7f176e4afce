namespace FlashSaleUI.Core.Pipeline;

/// <summary>A message the sink could not store, with where it came from and why. The fingerprint tells two messages
/// at the same offset apart (an embedded broker that restarted reuses offsets).</summary>
public sealed record DeadLetter(string Topic, int Partition, long Offset, string? Key, string? Value, string? EventCode, string Reason)
{
    public string Fingerprint => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes($"{Key}\n{Value}")));
}
