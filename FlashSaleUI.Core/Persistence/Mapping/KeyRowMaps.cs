using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlashSaleUI.Core.Persistence.Mapping;

/// <summary>ASP.NET Core Data Protection's keys (cookies, antiforgery, the ticket keys' secrets).</summary>
public sealed class DataProtectionKeyMap : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e)
    {
        e.ToTable("data_protection_keys");
        e.HasKey(x => x.Id).HasName("data_protection_keys_pkey");
        e.Property(x => x.Id).HasColumnName("id").UseSerialColumn();
        e.Property(x => x.FriendlyName).HasColumnName("friendly_name");
        e.Property(x => x.Xml).HasColumnName("xml");
    }
}

/// <summary>The keys member tickets are signed with.</summary>
public sealed class TicketKeyRowMap : IEntityTypeConfiguration<TicketKeyRow>
{
    public void Configure(EntityTypeBuilder<TicketKeyRow> e)
    {
        e.ToTable("member_ticket_keys");
        e.HasKey(x => x.Id).HasName("member_ticket_keys_pkey");
        e.Property(x => x.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        e.Property(x => x.ProtectedSecret).HasColumnName("protected_secret").IsRequired();
        e.Property(x => x.CreatedAt).HasColumnName("created_at");
        e.Property(x => x.ActivatesAt).HasColumnName("activates_at");
        e.Property(x => x.RetiresAt).HasColumnName("retires_at");
        e.Property(x => x.ExpiresAt).HasColumnName("expires_at");
    }
}
