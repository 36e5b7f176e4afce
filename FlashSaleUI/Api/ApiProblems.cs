namespace FlashSaleUI.Api;

/// <summary>The API's refusals that several endpoints give: one wording, one shape.</summary>
public static class ApiProblems
{
    /// <summary>400 problem details naming the one bad field.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem InvalidEventCode() => Invalid("code", $"Event code must be {EventCode.Rule}.");

    /// <summary>404 "Event not found"; the code is echoed only when it is short enough to be one.</summary>
    public static ProblemHttpResult EventNotFound(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Event not found",
            detail: code.Length <= EventCode.MaxLength ? $"No event with code '{code}'." : "No such event.");

    /// <summary>404: a feature this instance is not configured for.</summary>
    public static ProblemHttpResult NotConfigured(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not configured", detail: detail);
}
