using FlashSaleUI.Api;
using FlashSaleUI.Components.Member;
using FlashSaleUI.Hubs;
using MudBlazor.Services;

namespace FlashSaleUI;

/// <summary>The web app's services, capability by capability (Core registers its own: Core/DependencyInjection.cs).</summary>
public static class DependencyInjection
{
    /// <summary>Operator authentication (Basic and cookie), member sign-in (tickets), the sign-in limit, the claim
    /// rate limits, and Data Protection's keys encrypted at rest.</summary>
    public static IServiceCollection AddWebSecurity(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOperatorSecurity()
            .AddOperatorSingleSignOn(configuration)
            .AddMemberSignIn(configuration)
            .AddClaimRateLimiting()
            .AddLoginRateLimit()
            .AddKeyProtection(configuration);

    /// <summary>The operator console (Blazor Server, MudBlazor) and the static member page.</summary>
    public static IServiceCollection AddConsoleAndMemberPage(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddHttpContextAccessor(); // the operator's address for the audit trail
        services.AddSingleton<MemberPageRenderer>();
        return services;
    }

    /// <summary>The SignalR hub members and scripts watch sales through.</summary>
    public static IServiceCollection AddLiveUpdates(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<HubWatchers>();
        return services;
    }

    /// <summary>The JSON API's conventions: camelCase, problem details, OpenAPI.</summary>
    public static IServiceCollection AddJsonApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<DependencyOutageHandler>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        return services;
    }
}
