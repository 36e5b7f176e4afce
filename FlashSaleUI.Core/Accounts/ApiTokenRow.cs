namespace FlashSaleUI.Core.Accounts;

/// <summary>A row of operator_tokens: a personal token for scripts. Only the SHA-256 of the secret is stored (the
/// secret has 256 random bits, so a fast hash is enough); the secret is shown once, when made.</summary>
public sealed class ApiTokenRow
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public byte[] SecretHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
