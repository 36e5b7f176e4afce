using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace FlashSaleUI.Api;

public static class HealthEndpoints
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>/health: 200 when every dependency answers, 503 otherwise, with each check's status as JSON.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // liveness for load balancers (the process answers), beside readiness (/health: the dependencies answer)
        app.MapGet("/health/live", () => Results.Text("ok")).ExcludeFromDescription();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (http, report) =>
            {
                http.Response.ContentType = "application/json";
                // exception text (hosts, ports, driver messages) is for operators, not for anyone probing
                var operatorAsking = FlashSaleUI.Core.Accounts.OperatorRoles.All.Any(http.User.IsInRole);
                return http.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new
                    {
                        status = e.Value.Status.ToString(),
                        description = e.Value.Description,
                        error = operatorAsking ? e.Value.Exception?.Message : null,
                    }),
                }, Options));
            },
        });
        return app;
    }
}
