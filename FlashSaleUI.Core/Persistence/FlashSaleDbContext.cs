using FlashSaleUI.Core.Accounts;
using FlashSaleUI.Core.Persistence.Rows;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FlashSaleUI.Core.Persistence;

/// <summary>The one DbContext: it maps every table (ASP.NET Core Identity's operator accounts included), and its EF
/// Core migrations (Persistence/Migrations) own the schema.
/// Ordinary reads and writes go through it (accounts, tokens, ticket keys, audit, dead letters, event reads). The
/// measured hot paths use the same NpgsqlDataSource directly, each saying why where it does (docs/BENCHMARKS.md "The
/// record"): the sink's COPY, the winners CSV stream and pages, the event record's two write transactions, and the
/// active-events list.</summary>
public sealed class FlashSaleDbContext(DbContextOptions<FlashSaleDbContext> options)
    : IdentityDbContext<OperatorUser>(options), IDataProtectionKeyContext
{
    public DbSet<EventRow> Events => Set<EventRow>();
    public DbSet<CouponRow> Coupons => Set<CouponRow>();
    public DbSet<DeadLetterRow> DeadLetters => Set<DeadLetterRow>();
    public DbSet<AuditRow> AuditLog => Set<AuditRow>();
    /// <summary>ASP.NET Core Data Protection's keys: cookies and antiforgery tokens survive restarts and work on every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    /// <summary>The keys member tickets are signed with (PostgresTicketKeyStore).</summary>
    public DbSet<TicketKeyRow> TicketKeys => Set<TicketKeyRow>();
    /// <summary>Operators' personal tokens for scripts (ApiTokens); the accounts themselves are Identity's tables.</summary>
    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.ApplyConfigurationsFromAssembly(typeof(FlashSaleDbContext).Assembly);
        PostgresNames.Apply(model.Model);
    }
}
