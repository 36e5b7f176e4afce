using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FlashSaleUI.Core.Persistence;

/// <summary>Only ASP.NET Core Data Protection's keys (the framework reads them through EF Core). Every table of our own
/// is read and written with Npgsql by its one owner in this folder; the schema is the SQL files in Migrations/.</summary>
public sealed class FlashSaleDbContext(DbContextOptions<FlashSaleDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection's keys: cookies and antiforgery tokens survive restarts and work on every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.FriendlyName).HasColumnName("friendly_name");
            e.Property(x => x.Xml).HasColumnName("xml");
        });
    }
}
