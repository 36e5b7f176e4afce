using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlashSaleUI.Core.Persistence;

/// <summary>For the EF Core tools (<c>dotnet ef migrations …</c> in FlashSaleUI.Core): the database named by
/// ConnectionStrings__Postgres, else ./run.sh's local server on its first port.</summary>
public sealed class FlashSaleDbContextFactory : IDesignTimeDbContextFactory<FlashSaleDbContext>
{
    public const string LocalDefault = "Host=127.0.0.1;Port=15432;Username=postgres;Database=flashsale";

    public FlashSaleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FlashSaleDbContext>()
            .UseNpgsql(Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } c ? c : LocalDefault)
            .Options);
}
