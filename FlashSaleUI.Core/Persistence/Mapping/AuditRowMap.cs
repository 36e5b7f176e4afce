using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlashSaleUI.Core.Persistence.Mapping;

public sealed class AuditRowMap : IEntityTypeConfiguration<AuditRow>
{
    public void Configure(EntityTypeBuilder<AuditRow> e)
    {
        e.ToTable("audit_log");
        e.Property(x => x.Id).UseSerialColumn();
        e.Property(x => x.At).HasDefaultValueSql("now()");
        e.Property(x => x.Actor).HasMaxLength(100).IsRequired();
        e.Property(x => x.ActorId).HasMaxLength(450);
        e.Property(x => x.Via).HasMaxLength(16);
        e.Property(x => x.Address).HasMaxLength(64);
        e.Property(x => x.Action).HasMaxLength(32).IsRequired();
        e.Property(x => x.EventCode).HasMaxLength(Events.EventCode.MaxLength);
        e.Property(x => x.Before).HasColumnType("jsonb");
        e.Property(x => x.After).HasColumnType("jsonb");
        e.HasIndex(x => new { x.EventCode, x.Id }).HasDatabaseName("audit_log_event");
    }
}
