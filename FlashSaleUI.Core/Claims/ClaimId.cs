using System.Security.Cryptography;

namespace FlashSaleUI.Core.Claims;

/// <summary>Identifies one granted claim from Redis to PostgreSQL, and is the secret its coupon code is read from:
/// 80 random bits as 16 Crockford base-32 characters (no I, L, O, U: nothing to misread when read out).</summary>
public static class ClaimId
{
    public const int Length = 16;
    internal const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        return string.Create(Length, 0, static (chars, _) =>
        {
            var random = NextRandom();
            // 32 symbols: the low five bits of each random byte are uniform
            for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[random[i] & 31];
        });
    }

    // Cryptographic randomness drawn 4 KiB at a time per thread: one system call per 256 claims, not one each.
    [ThreadStatic] private static byte[]? _pool;
    [ThreadStatic] private static int _used;

    private static ReadOnlySpan<byte> NextRandom()
    {
        if (_pool is null || _used + Length > _pool.Length)
        {
            _pool ??= new byte[4096];
            RandomNumberGenerator.Fill(_pool);
            _used = 0;
        }
        var slice = _pool.AsSpan(_used, Length);
        _used += Length;
        return slice;
    }

    public static bool IsCanonical(string claimId) =>
        claimId.Length == Length && claimId.AsSpan().IndexOfAnyExcept(Alphabet) < 0;
}
