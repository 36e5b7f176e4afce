namespace FlashSaleUI.Core.Events;

/// <summary>The one set of rules for a new event, shared by the HTTP API and the operator form.</summary>
public static class EventValidation
{
    public const int MaxStock = 10_000_000;
    public const int MaxNameLength = 100;

    /// <summary>Errors keyed by camelCase field name (problem-details style); empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(NewEvent input)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EventCode.TryParse(input.Code, out _))
            errors["code"] = [$"Code must be {EventCode.Rule}."];
        if (!IsValidName(input.Name))
            errors["name"] = [$"Name is required: 1-{MaxNameLength} printable characters."];
        if (input.Stock is not (>= 1 and <= MaxStock))
            errors["stock"] = [$"Stock must be a whole number from 1 to {MaxStock:N0}."];
        CheckWindow(input.OpensAt, input.ClosesAt, errors);
        return errors;
    }

    /// <summary>Errors of an edit (name optional: unchanged when null; the window is replaced as given).</summary>
    public static Dictionary<string, string[]> ValidateEdit(EventEdit edit)
    {
        var errors = new Dictionary<string, string[]>();
        if (edit.Name is not null && !IsValidName(edit.Name))
            errors["name"] = [$"Name must be 1-{MaxNameLength} printable characters."];
        CheckWindow(edit.OpensAt, edit.ClosesAt, errors);
        return errors;
    }

    // trimmed: 1-100 characters, none of them control characters
    private static bool IsValidName(string? name) =>
        name?.Trim() is { Length: > 0 and <= MaxNameLength } trimmed && !trimmed.Any(char.IsControl);

    private static void CheckWindow(DateTimeOffset? opensAt, DateTimeOffset? closesAt, Dictionary<string, string[]> errors)
    {
        if (opensAt is { } o && closesAt is { } c && c <= o)
            errors["closesAt"] = ["The event must close after it opens."];
    }

    /// <summary>Validates and, when valid, builds the event record.</summary>
    public static bool TryCreate(NewEvent input, DateTimeOffset now, out FlashSaleEvent? created, out Dictionary<string, string[]> errors)
    {
        errors = Validate(input);
        created = null;
        if (errors.Count > 0) return false;
        created = new FlashSaleEvent(EventCode.Parse(input.Code!), input.Name!.Trim(), (int)input.Stock!.Value,
            input.OpensAt?.ToUniversalTime(), input.ClosesAt?.ToUniversalTime(), null, now);
        return true;
    }
}
