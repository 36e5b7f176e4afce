using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlashSaleUI.Core.Persistence.Mapping;

public sealed class AuditRowMap : IEntityTypeConfiguration<AuditRow>
{
    public void Configure(EntityTypeBuilder<AuditRow> e)
    {
        e.ToTable("audit_log");
        e.HasKey(x => x.Id).HasName("audit_log_pkey");
        e.Property(x => x.Id).HasColumnName("id").UseSerialColumn();
        e.Property(x => x.At).HasColumnName("at").HasDefaultValueSql("now()");
        e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(100).IsRequired();
        e.Property(x => x.ActorId).HasColumnName("actor_id").HasMaxLength(450);
        e.Property(x => x.Via).HasColumnName("via").HasMaxLength(16);
        e.Property(x => x.TokenId).HasColumnName("token_id");
        e.Property(x => x.Address).HasColumnName("address").HasMaxLength(64);
        e.Property(x => x.Action).HasColumnName("action").HasMaxLength(32).IsRequired();
        e.Property(x => x.EventCode).HasColumnName("event_code").HasMaxLength(32);
        e.Property(x => x.Before).HasColumnName("before").HasColumnType("jsonb");
        e.Property(x => x.After).HasColumnName("after").HasColumnType("jsonb");
        e.Property(x => x.Detail).HasColumnName("detail");
        e.HasIndex(x => new { x.EventCode, x.Id }).HasDatabaseName("audit_log_event");
    }
}
