using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FlashSaleUI.Core.Events;

/// <summary>A validated member id: 1-64 of A-Za-z0-9 - _ . @.</summary>
public readonly partial record struct MemberId
{
    public const string Rule = "1-64 characters of A-Z, a-z, 0-9, '-', '_', '.' and '@'";

    public string Value { get; }

    private MemberId(string value) => Value = value;

    public static bool TryParse([NotNullWhen(true)] string? text, out MemberId member)
    {
        member = default;
        if (text is null || !Pattern().IsMatch(text)) return false;
        member = new MemberId(text);
        return true;
    }

    public static MemberId Parse(string text) =>
        TryParse(text, out var member) ? member : throw new ArgumentException($"Member id must be {Rule}.", nameof(text));

    public override string ToString() => Value;

    [GeneratedRegex(@"^[A-Za-z0-9_.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
