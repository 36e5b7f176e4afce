namespace FlashSaleUI.Api;

/// <summary>/api/accounts (admins): the people who may run sales, and their roles.</summary>
public static class AccountsEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(OperatorSecurity.AdminPolicy);
        accounts.MapGet("", async (OperatorAccounts all, CancellationToken ct) => TypedResults.Ok(await all.ListAsync(ct)));
        accounts.MapPost("", CreateAsync);
        accounts.MapPatch("/{userName}", ChangeAsync);
        return app;
    }

    public static async Task<Results<Created<NewAccount>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpContext http,
        OperatorAccounts accounts, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<AccountRequest>(http.Request, MaxBodyBytes, ct);
        if (error is not null) return error;
        var result = await accounts.CreateAsync(body!.UserName, body.Role, body.Password, OperatorActor.Of(http));
        return result.Status switch
        {
            AccountChangeStatus.Done => TypedResults.Created($"/api/accounts/{result.Account!.UserName}",
                new NewAccount(result.Account.UserName, result.Account.Role, result.Account.MustChangePassword, result.OneTimePassword)),
            AccountChangeStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken",
                detail: result.Why),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }

    public static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(string userName,
        HttpContext http, OperatorAccounts accounts, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<AccountChangeRequest>(http.Request, MaxBodyBytes, ct);
        if (error is not null) return error;
        var result = await accounts.ChangeAsync(userName, body!.Role, body.Disabled, OperatorActor.Of(http));
        return result.Status switch
        {
            AccountChangeStatus.Done => TypedResults.Ok(result.Account!),
            AccountChangeStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account",
                detail: $"No account named '{(userName.Length <= 64 ? userName : userName[..64])}'."),
            AccountChangeStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed",
                detail: result.Why),
            _ => TypedResults.ValidationProblem(result.Errors),
        };
    }
}

/// <summary>{"userName","role","password"?}</summary>
public sealed record AccountRequest(string? UserName, string? Role, string? Password);

/// <summary>{"role"?,"disabled"?}</summary>
public sealed record AccountChangeRequest(string? Role, bool? Disabled);

/// <summary>{"userName","role","mustChangePassword","oneTimePassword"?}: the one-time password is shown this once.</summary>
public sealed record NewAccount(string UserName, string Role, bool MustChangePassword,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? OneTimePassword);
