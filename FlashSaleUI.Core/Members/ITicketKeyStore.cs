namespace FlashSaleUI.Core.Members;

/// <summary>Where every instance finds the keys that sign member tickets (beside ASP.NET Core Data Protection's keys).</summary>
public interface ITicketKeyStore
{
    /// <summary>The keys that still verify tickets at <paramref name="now"/>, and those this instance cannot decrypt.</summary>
    Task<TicketKeysRead> ListUsableAsync(DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Stores a new key (its Id is assigned by the store) and returns it.</summary>
    Task<TicketKey> AddAsync(byte[] secret, DateTimeOffset activatesAt, DateTimeOffset retiresAt, DateTimeOffset expiresAt,
        CancellationToken ct = default);
}

/// <param name="Keys">the keys read</param>
/// <param name="Unreadable">the ids of keys whose secret could not be decrypted: Data Protection lacks the key (or the
/// certificate) it was protected with</param>
public sealed record TicketKeysRead(IReadOnlyList<TicketKey> Keys, IReadOnlyList<int> Unreadable);
