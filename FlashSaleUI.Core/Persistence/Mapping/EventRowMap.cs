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
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(Events.EventCode.MaxLength);
        e.Property(x => x.Name).HasMaxLength(100).IsRequired();
        e.Property(x => x.Persisted).HasDefaultValue(0L);
        e.Property(x => x.Version).HasDefaultValue(1L);
    }
}
