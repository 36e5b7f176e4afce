using FlashSaleUI.Core.Configuration;
using FlashSaleUI.Core.Persistence;

namespace FlashSaleUI.Security.Operators;

public static class FirstAdmin
{
    /// <summary>At first start, with no account yet: FlashSale__OperatorUser / FlashSale__OperatorPassword become the
    /// first admin. With no password configured, one is generated and printed, never a fixed default.</summary>
    public static async Task SeedFirstAdminAsync(this IServiceProvider services, IConfiguration configuration)
    {
        var options = configuration.GetSection(FlashSaleOptions.Section).Get<FlashSaleOptions>() ?? new FlashSaleOptions();
        var user = string.IsNullOrWhiteSpace(options.OperatorUser) ? "operator" : options.OperatorUser;
        string? generated = null;
        // one instance at a time: two starting together would both add the roles
        await services.GetRequiredService<DatabaseLock>().RunAsync(DatabaseLock.FirstAdmin, async (_, _) =>
        {
            await using var scope = services.CreateAsyncScope();
            generated = await scope.ServiceProvider.GetRequiredService<OperatorAccounts>().SeedFirstAdminAsync(user,
                options.OperatorPassword);
        });
        if (generated is null) return;
        // printed to the terminal only (./run.sh users see it however logging is set), never through the logging pipeline
        Console.WriteLine($"First admin account: user '{user}', password '{generated}' (generated; set " +
            "FlashSale__OperatorPassword to choose one). Add people and tokens in the console or through /api/accounts.");
    }
}
