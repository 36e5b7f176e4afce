namespace FlashSaleUI.Core.Members;

/// <summary>No key that signs tickets can be read here, yet keys exist: this instance cannot join the others. It stops
/// at start with what to do, rather than signing tickets with a key of its own that no other instance could check.</summary>
public sealed class TicketKeysUnreadableException(IReadOnlyList<int> keys) : Exception(
    $"The member ticket keys ({string.Join(", ", keys)}) cannot be decrypted: {Why} Restore that certificate (as " +
    "DataProtection__PreviousCertificatePath after a rotation) or those rows. To start over instead, delete the rows of " +
    "member_ticket_keys: every member's ticket is then refused and members sign in again.")
{
    public const string Why = "Data Protection cannot read the key that protects them. That happens when " +
        "DataProtection__CertificatePath changed without the old certificate kept as DataProtection__PreviousCertificatePath, " +
        "when the instances use different certificates, or when rows of data_protection_keys were lost.";
}
