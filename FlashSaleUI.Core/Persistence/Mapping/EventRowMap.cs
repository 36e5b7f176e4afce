using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlashSaleUI.Core.Persistence.Mapping;

public sealed class EventRowMap : IEntityTypeConfiguration<EventRow>
{
    public void Configure(EntityTypeBuilder<EventRow> e)
    {
        e.ToTable("flash_sale_events", t =>
        {
            t.HasCheckConstraint("flash_sale_events_stock_check", "stock BETWEEN 1 AND 10000000");
            t.HasCheckConstraint("flash_sale_events_check", "closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at");
            // persisted_within_stock (persisted <= stock) is added NOT VALID by the migration's SQL: EF cannot say that
        });
        e.HasKey(x => x.Code).HasName("flash_sale_events_pkey");
        e.Property(x => x.Code).HasColumnName("code").HasMaxLength(32);
        e.Property(x => x.Name).HasColumnName("name").HasMaxLength(100).IsRequired();
        e.Property(x => x.Stock).HasColumnName("stock");
        e.Property(x => x.OpensAt).HasColumnName("opens_at");
        e.Property(x => x.ClosesAt).HasColumnName("closes_at");
        e.Property(x => x.ClosedAt).HasColumnName("closed_at");
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.Persisted).HasColumnName("persisted").HasDefaultValue(0L);
        e.Property(x => x.Version).HasColumnName("version").HasDefaultValue(1L);
    }
}
