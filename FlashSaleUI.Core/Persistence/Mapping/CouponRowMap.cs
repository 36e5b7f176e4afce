using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlashSaleUI.Core.Persistence.Mapping;

public sealed class CouponRowMap : IEntityTypeConfiguration<CouponRow>
{
    public void Configure(EntityTypeBuilder<CouponRow> e)
    {
        e.ToTable("coupon_issues");
        // one coupon per member per event: a redelivered message inserts nothing (ON CONFLICT on this key)
        e.HasKey(x => new { x.EventCode, x.MemberId }).HasName("coupon_issues_event_member");
        e.Property(x => x.EventCode).HasMaxLength(Events.EventCode.MaxLength);
        // byte-wise order whatever the server's locale: the winners list pages and searches by member id prefix
        e.Property(x => x.MemberId).HasMaxLength(Events.MemberId.MaxLength).UseCollation("C");
        e.Property(x => x.ClaimId).HasMaxLength(64).IsRequired();
        e.Property(x => x.CouponCode).HasMaxLength(19).IsRequired();
        e.Property(x => x.PersistedAt).HasDefaultValueSql("now()");
        // the winners in the order they won; no foreign key to the event (a trigger per row: the sink joins instead)
        e.HasIndex(x => new { x.EventCode, x.IssuedAt, x.MemberId }).HasDatabaseName("coupon_issues_event_issued");
    }
}
