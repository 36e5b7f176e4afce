using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlashSaleUI.Core.Events;

namespace FlashSaleUI.Core.Members;

/// <summary>The ticket's wire form: <c>{key id}.{expiry, unix seconds}.{member id, base64url UTF-8}.{HMAC-SHA256 of
/// what precedes the last dot, base64url}</c>. An HMAC checks many times faster than an RS256 JWT (docs/BENCHMARKS.md
/// "Member tickets"): the identity provider's token is checked once, when the ticket is issued, and the ticket on
/// every claim.</summary>
public static class MemberTicketFormat
{
    private const int MacBytes = 32;
    /// <summary>The longest ticket: a 255-character member id of 4-byte characters, with its key id, expiry and MAC.</summary>
    public const int MaxLength = 11 + 1 + 20 + 1 + 1360 + 1 + 43;

    public static string Sign(MemberId member, DateTimeOffset expiresAt, TicketKey key)
    {
        var signed = string.Create(CultureInfo.InvariantCulture, $"{key.Id}.{expiresAt.ToUnixTimeSeconds()}.") +
                     Base64Url.EncodeToString(Encoding.UTF8.GetBytes(member.Value));
        Span<byte> mac = stackalloc byte[MacBytes];
        key.Mac(Encoding.ASCII.GetBytes(signed), mac);
        return $"{signed}.{Base64Url.EncodeToString(mac)}";
    }

    /// <summary>Checks a ticket against the keys <paramref name="findKey"/> knows. Nothing of the ticket is trusted
    /// before its MAC is: the member id is decoded only after the signature and the expiry hold.</summary>
    public static TicketCheck Read(ReadOnlySpan<char> ticket, Func<int, TicketKey?> findKey, DateTimeOffset now, out MemberId member)
    {
        member = default;
        if (ticket.Length is 0 or > MaxLength) return TicketCheck.Malformed;
        var lastDot = ticket.LastIndexOf('.');
        if (lastDot < 0) return TicketCheck.Malformed;
        var signed = ticket[..lastDot];
        var firstDot = signed.IndexOf('.');
        if (firstDot < 0) return TicketCheck.Malformed;
        var secondDot = signed[(firstDot + 1)..].IndexOf('.') + firstDot + 1;
        if (secondDot <= firstDot
            || !int.TryParse(signed[..firstDot], NumberStyles.None, CultureInfo.InvariantCulture, out var keyId)
            || !long.TryParse(signed[(firstDot + 1)..secondDot], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
            return TicketCheck.Malformed;

        Span<byte> given = stackalloc byte[MacBytes + 3];
        if (!Base64Url.IsValid(ticket[(lastDot + 1)..])
            || Base64Url.DecodeFromChars(ticket[(lastDot + 1)..], given, out _, out var macLength) != System.Buffers.OperationStatus.Done
            || macLength != MacBytes)
            return TicketCheck.Malformed;
        if (findKey(keyId) is not { } key || !key.Verifies(now)) return TicketCheck.UnknownKey;

        if (signed.ContainsAnyExceptInRange('!', '~')) return TicketCheck.Malformed; // printable ASCII only
        Span<byte> signedBytes = stackalloc byte[MaxLength];
        var length = Encoding.ASCII.GetBytes(signed, signedBytes);
        Span<byte> expected = stackalloc byte[MacBytes];
        key.Mac(signedBytes[..length], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, given[..MacBytes])) return TicketCheck.BadSignature;
        if (now.ToUnixTimeSeconds() >= expiry) return TicketCheck.Expired;

        var encodedMember = signed[(secondDot + 1)..];
        Span<byte> memberBytes = stackalloc byte[Base64Url.GetMaxDecodedLength(encodedMember.Length)];
        if (Base64Url.DecodeFromChars(encodedMember, memberBytes, out _, out var memberLength) != System.Buffers.OperationStatus.Done
            || !MemberId.TryParse(Encoding.UTF8.GetString(memberBytes[..memberLength]), out member))
            return TicketCheck.Malformed; // signed by us, so only a key leak could get here
        return TicketCheck.Valid;
    }
}
