using System.Security.Cryptography;
using System.Text;
using FlashSaleUI.Core.Configuration;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Security;

/// <summary>The configured operator account. The password is kept only as an HMAC under a per-process random
/// key and compared in constant time; when none is configured a random one is generated and printed once.</summary>
public sealed class OperatorAccount
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _userHash;
    private readonly byte[] _passwordHash;
    private readonly string? _generatedPassword;

    public string User { get; }

    public OperatorAccount(IOptions<FlashSaleOptions> options)
    {
        User = string.IsNullOrWhiteSpace(options.Value.OperatorUser) ? "operator" : options.Value.OperatorUser;
        var password = options.Value.OperatorPassword;
        if (string.IsNullOrEmpty(password))
            password = _generatedPassword = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
        _userHash = Hash(User);
        _passwordHash = Hash(password);
    }

    public bool Verify(string? user, string? password) =>
        // Both compared, always, so timing says nothing about which one was wrong.
        CryptographicOperations.FixedTimeEquals(Hash(user ?? ""), _userHash)
        & CryptographicOperations.FixedTimeEquals(Hash(password ?? ""), _passwordHash);

    public void AnnounceGeneratedPassword(ILogger log)
    {
        if (_generatedPassword is null) return;
        // Printed to stdout as well as the log so ./run.sh users see it however logging is configured.
        Console.WriteLine($"Operator sign-in: user '{User}', password '{_generatedPassword}' (generated; set " +
            $"FlashSale__OperatorPassword to choose one)");
        log.LogWarning("No FlashSale__OperatorPassword configured; generated a random operator password for this run.");
    }

    private byte[] Hash(string text) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text));
}
