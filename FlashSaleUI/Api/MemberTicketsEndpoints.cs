using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FlashSaleUI.Api;

/// <summary>POST /api/member-tickets: a verified member credential in, a ticket out. GET /member/sign-in: the claim
/// page's sign-in through the identity provider, which ends with a ticket too (MemberSignInCallback).</summary>
public static class MemberTicketsEndpoints
{
    public const string Path = "/api/member-tickets";
    private const int MaxBodyBytes = 1024;

    public static IEndpointRouteBuilder MapMemberTickets(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IssueAsync).RequireRateLimiting(MemberSignIn.TicketsPolicy).WithTags("Members");
        app.MapGet(MemberSignIn.SignInPath, SignIn).RequireRateLimiting(MemberSignIn.TicketsPolicy).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Ok<IssuedTicket>, ProblemHttpResult, ValidationProblem>> IssueAsync(HttpContext http,
        MemberTickets tickets, IOptionsMonitor<MembersOptions> options, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        var members = options.CurrentValue;
        if (AuthorizationHeader.Credential(http.Request, AuthorizationHeader.Bearer) is { Length: > 0 })
        {
            if (string.IsNullOrWhiteSpace(members.Jwt.Authority))
                return Unauthenticated("No identity provider is configured for bearer tokens (Members__Jwt__Authority).");
            var result = await http.AuthenticateAsync(MemberSignIn.JwtScheme);
            if (!result.Succeeded)
                return Unauthenticated($"The identity provider's token was refused: {result.Failure?.Message ?? "no token"}");
            if (!MemberId.TryParse(result.Principal.FindFirst(members.Jwt.MemberIdClaim)?.Value, out var provided))
                return ApiProblems.Invalid("memberId", $"The token's '{members.Jwt.MemberIdClaim}' must be {MemberId.Rule}.");
            return TypedResults.Ok(tickets.Issue(provided));
        }
        if (!members.LocalSignIn)
            return Unauthenticated("Sign in with the shop: send its token as Authorization: Bearer <token>.");
        var (body, error) = await JsonBody.ReadAsync<LocalSignInRequest>(http.Request, MaxBodyBytes, ct);
        if (error is not null) return error;
        if (!MemberId.TryParseLocal(body!.MemberId, out var member))
            return ApiProblems.Invalid("memberId", $"Member id must be {MemberId.LocalRule}.");
        return TypedResults.Ok(tickets.Issue(member));
    }

    /// <summary>POST /api/member-tickets, told from the path alone (before routing).</summary>
    public static bool IsTicketRequest(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>Sends the member to the identity provider, and back to <paramref name="returnUrl"/> (this site only)
    /// with a ticket.</summary>
    public static IResult SignIn(string? returnUrl, IOptionsMonitor<MembersOptions> options) =>
        string.IsNullOrWhiteSpace(options.CurrentValue.Oidc.Authority)
            ? ApiProblems.NotConfigured("Member sign-in through an identity provider is not configured (Members__Oidc__Authority).")
            : Results.Challenge(new AuthenticationProperties { RedirectUri = MemberSignInCallback.SafeReturn(returnUrl) },
                [MemberSignIn.OidcScheme]);

    private static ProblemHttpResult Unauthenticated(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Member credential refused", detail: detail);
}

/// <summary>{"memberId"}: a test member names itself (Members__LocalSignIn=true).</summary>
public sealed record LocalSignInRequest(string? MemberId);
