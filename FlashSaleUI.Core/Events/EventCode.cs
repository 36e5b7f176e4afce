using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FlashSaleUI.Core.Events;

/// <summary>A validated event code: 3-32 of A-Z 0-9 - _. Only this type reaches key builders, so no
/// unvalidated text ever becomes part of a Redis key, a Kafka key or SQL.</summary>
public readonly partial record struct EventCode
{
    public const int MaxLength = 32;
    public const string Rule = "3-32 characters of A-Z, 0-9, '-' and '_'";

    public string Value { get; }

    private EventCode(string value) => Value = value;

    public static bool TryParse([NotNullWhen(true)] string? text, out EventCode code)
    {
        var valid = text is not null && Pattern().IsMatch(text);
        code = valid ? new EventCode(text!) : default;
        return valid;
    }

    public static EventCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new ArgumentException($"Event code must be {Rule}.", nameof(text));

    public override string ToString() => Value;

    [GeneratedRegex(@"^[A-Z0-9_-]{3,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
