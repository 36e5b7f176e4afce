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
        e.Property(x => x.Id).UseSerialColumn();
    }
}

/// <summary>The keys member tickets are signed with.</summary>
public sealed class TicketKeyRowMap : IEntityTypeConfiguration<TicketKeyRow>
{
    public void Configure(EntityTypeBuilder<TicketKeyRow> e)
    {
        e.ToTable("member_ticket_keys");
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.Property(x => x.ProtectedSecret).IsRequired();
    }
}
