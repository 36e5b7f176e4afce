using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FlashSaleUI.Core.Persistence;

/// <summary>The schema itself is owned by the SQL files in Migrations/ (SchemaMigrator); this maps onto it.</summary>
public sealed class FlashSaleDbContext(DbContextOptions<FlashSaleDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection's keys: cookies and antiforgery tokens survive restarts and work on every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<EventEntity> Events => Set<EventEntity>();
    public DbSet<CouponIssueEntity> CouponIssues => Set<CouponIssueEntity>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<EventEntity>(e =>
        {
            e.ToTable("flash_sale_events");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasColumnName("code");
            e.Property(x => x.Name).HasColumnName("name");
            e.Property(x => x.Stock).HasColumnName("stock");
            e.Property(x => x.OpensAt).HasColumnName("opens_at");
            e.Property(x => x.ClosesAt).HasColumnName("closes_at");
            e.Property(x => x.ClosedAt).HasColumnName("closed_at");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.Persisted).HasColumnName("persisted");
            e.Property(x => x.Version).HasColumnName("version");
        });
        model.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.FriendlyName).HasColumnName("friendly_name");
            e.Property(x => x.Xml).HasColumnName("xml");
        });
        model.Entity<CouponIssueEntity>(e =>
        {
            e.ToTable("coupon_issues");
            e.HasKey(x => new { x.EventCode, x.MemberId });
            e.Property(x => x.EventCode).HasColumnName("event_code");
            e.Property(x => x.MemberId).HasColumnName("member_id");
            e.Property(x => x.ClaimId).HasColumnName("claim_id");
            e.Property(x => x.IssuedAt).HasColumnName("issued_at");
            e.Property(x => x.PersistedAt).HasColumnName("persisted_at");
        });
    }
}
