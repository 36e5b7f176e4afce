using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FlashSaleUI.Core.Persistence;

/// <summary>The keys: ASP.NET Core Data Protection's (the framework reads them through EF Core) and the member ticket
/// keys beside them. The other tables are read and written with Npgsql by their one owner in this folder; the schema
/// is the SQL files in Migrations/.</summary>
public sealed class FlashSaleDbContext(DbContextOptions<FlashSaleDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection's keys: cookies and antiforgery tokens survive restarts and work on every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The keys member tickets are signed with (PostgresTicketKeyStore).</summary>
    public DbSet<TicketKeyRow> TicketKeys => Set<TicketKeyRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.FriendlyName).HasColumnName("friendly_name");
            e.Property(x => x.Xml).HasColumnName("xml");
        });
        model.Entity<TicketKeyRow>(e =>
        {
            e.ToTable("member_ticket_keys");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.ProtectedSecret).HasColumnName("protected_secret");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.ActivatesAt).HasColumnName("activates_at");
            e.Property(x => x.RetiresAt).HasColumnName("retires_at");
            e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
        });
    }
}
