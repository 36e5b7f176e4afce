using System.Security.Claims;
using FlashSaleUI.Core.Accounts;

namespace FlashSaleUI.Api;

/// <summary>/api/tokens: an account's personal tokens for scripts: made (the secret shown once), listed, revoked.</summary>
public static class TokensEndpoints
{
    private const int MaxBodyBytes = 4 * 1024;

    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/tokens").WithTags("Tokens").RequireAuthorization(OperatorSecurity.ViewerPolicy);
        tokens.MapPost("", CreateAsync).RequireRateLimiting(AccountEndpoints.LoginLimit);
        tokens.MapGet("", ListAsync);
        tokens.MapDelete("/{id:guid}", RevokeAsync);
        return app;
    }

    public static async Task<Results<Created<CreatedToken>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpContext http,
        ApiTokens tokens, IAuditLog audit, CancellationToken ct)
    {
        var (body, error) = await JsonBody.ReadAsync<TokenRequest>(http.Request, MaxBodyBytes, ct);
        if (error is not null) return error;
        var name = body!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ApiTokens.MaxNameLength || name.Any(char.IsControl))
            return ApiProblems.Invalid("name", $"A token's name is 1-{ApiTokens.MaxNameLength} printable characters.");
        if (body.ExpiresInDays is < 1 or > ApiTokens.MaxDays)
            return ApiProblems.Invalid("expiresInDays",
                $"A token lasts 1 to {ApiTokens.MaxDays} days ({ApiTokens.DefaultDays} when not given).");
        var (token, secret) = await tokens.CreateAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, name,
            body.ExpiresInDays ?? ApiTokens.DefaultDays, ct);
        await audit.RecordAsync(OperatorActor.Of(http), AuditAction.TokenCreated, null, $"{token.Id} ({name})", ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/tokens/{token.Id}",
            new CreatedToken(token.Id, token.Name, secret, RoleOf(http.User), token.ExpiresAt));
    }

    public static async Task<Ok<IEnumerable<TokenView>>> ListAsync(HttpContext http, ApiTokens tokens, CancellationToken ct) =>
        TypedResults.Ok((await tokens.ListAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct))
            .Select(t => new TokenView(t.Id, t.Name, t.CreatedAt, t.ExpiresAt, t.LastUsedAt)));

    public static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, HttpContext http, ApiTokens tokens, IAuditLog audit,
        CancellationToken ct)
    {
        if (!await tokens.RevokeAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, id, ct)) return TypedResults.NotFound();
        await audit.RecordAsync(OperatorActor.Of(http), AuditAction.TokenRevoked, null, id.ToString(), ct);
        return TypedResults.NoContent();
    }

    private static string RoleOf(ClaimsPrincipal user) => OperatorRoles.All.LastOrDefault(user.IsInRole) ?? "";
}

/// <summary>{"name","expiresInDays"?}</summary>
public sealed record TokenRequest(string? Name, int? ExpiresInDays);

/// <summary>{"id","name","token","role","expiresAt"}: the token itself is shown this once.</summary>
public sealed record CreatedToken(Guid Id, string Name, string Token, string Role, DateTimeOffset ExpiresAt);

/// <summary>A token as listed: never its secret.</summary>
public sealed record TokenView(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt);
