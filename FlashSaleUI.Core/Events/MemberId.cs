using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FlashSaleUI.Core.Events;

/// <summary>A validated member id. Members are who their identity provider says (a JWT's or OpenID Connect sign-in's
/// subject): up to 255 printable characters, <c>auth0|5f…</c>, GUIDs and e-mail addresses included. The id is only
/// ever a hash field in Redis and a column in PostgreSQL, never part of a key. Under local sign-in members name
/// themselves, and the stricter <see cref="LocalRule"/> applies.</summary>
public readonly partial record struct MemberId
{
    public const int MaxLength = 255;
    public const string Rule = "1-255 printable characters, without leading or trailing spaces";
    public const string LocalRule = "1-64 characters of A-Z, a-z, 0-9, '-', '_', '.' and '@'";

    public string Value { get; }

    private MemberId(string value) => Value = value;

    /// <summary>An id as an identity provider issues it (<see cref="Rule"/>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MemberId member) =>
        Accept(text is not null && IsPrintable(text), text, out member);

    /// <summary>An id a test member types under local sign-in (<see cref="LocalRule"/>).</summary>
    public static bool TryParseLocal([NotNullWhen(true)] string? text, out MemberId member) =>
        Accept(text is not null && LocalPattern().IsMatch(text), text, out member);

    private static bool Accept(bool valid, string? text, out MemberId member)
    {
        member = valid ? new MemberId(text!) : default;
        return valid;
    }

    public static MemberId Parse(string text) =>
        TryParse(text, out var member) ? member : throw new ArgumentException($"Member id must be {Rule}.", nameof(text));

    public override string ToString() => Value;

    // no control characters (a log or CSV line must not be split), no lone surrogate halves (not valid UTF-8)
    private static bool IsPrintable(string text)
    {
        if (text.Length is 0 or > MaxLength || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || char.IsLowSurrogate(c)) return false;
            if (char.IsHighSurrogate(c) && (++i == text.Length || !char.IsLowSurrogate(text[i]))) return false;
        }
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPattern();
}
