using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlashSaleUI.Core.Persistence.Mapping;

public sealed class DeadLetterRowMap : IEntityTypeConfiguration<DeadLetterRow>
{
    public void Configure(EntityTypeBuilder<DeadLetterRow> e)
    {
        e.ToTable("dead_letters");
        e.HasKey(x => x.Id).HasName("dead_letters_pkey");
        e.Property(x => x.Id).HasColumnName("id").UseSerialColumn();
        e.Property(x => x.SourceTopic).HasColumnName("source_topic").IsRequired();
        e.Property(x => x.SourcePartition).HasColumnName("source_partition");
        e.Property(x => x.SourceOffset).HasColumnName("source_offset");
        e.Property(x => x.MessageKey).HasColumnName("message_key");
        e.Property(x => x.MessageValue).HasColumnName("message_value");
        e.Property(x => x.EventCode).HasColumnName("event_code").HasMaxLength(32);
        e.Property(x => x.Reason).HasColumnName("reason").IsRequired();
        e.Property(x => x.DeadLetteredAt).HasColumnName("dead_lettered_at").HasDefaultValueSql("now()");
        e.Property(x => x.ReplayedAt).HasColumnName("replayed_at");
        e.Property(x => x.Fingerprint).HasColumnName("fingerprint").HasDefaultValue("");
        // a redelivered poison message is recorded once (where it came from, and what it said)
        e.HasAlternateKey(x => new { x.SourceTopic, x.SourcePartition, x.SourceOffset, x.Fingerprint }).HasName("dead_letters_source");
        e.HasIndex(x => x.DeadLetteredAt).HasDatabaseName("dead_letters_open").HasFilter("replayed_at IS NULL");
    }
}
