using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlashSaleUI.Core.Persistence.Mapping;

public sealed class DeadLetterRowMap : IEntityTypeConfiguration<DeadLetterRow>
{
    public void Configure(EntityTypeBuilder<DeadLetterRow> e)
    {
        e.ToTable("dead_letters");
        e.Property(x => x.Id).UseSerialColumn();
        e.Property(x => x.SourceTopic).IsRequired();
        e.Property(x => x.EventCode).HasMaxLength(Events.EventCode.MaxLength);
        e.Property(x => x.Reason).IsRequired();
        e.Property(x => x.DeadLetteredAt).HasDefaultValueSql("now()");
        e.Property(x => x.Fingerprint).HasDefaultValue("");
        // a redelivered poison message is recorded once (where it came from, and what it said)
        e.HasAlternateKey(x => new { x.SourceTopic, x.SourcePartition, x.SourceOffset, x.Fingerprint }).HasName("dead_letters_source");
        e.HasIndex(x => x.DeadLetteredAt).HasDatabaseName("dead_letters_open").HasFilter("replayed_at IS NULL");
    }
}
