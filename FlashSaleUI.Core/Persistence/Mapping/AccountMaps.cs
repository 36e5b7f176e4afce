using FlashSaleUI.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlashSaleUI.Core.Persistence.Mapping;

/// <summary>Identity's tables under names that say what they hold (their columns keep Identity's names).</summary>
public sealed class OperatorUserMap : IEntityTypeConfiguration<OperatorUser>
{
    public void Configure(EntityTypeBuilder<OperatorUser> e)
    {
        e.ToTable("operator_accounts");
        e.Property(x => x.MustChangePassword).HasDefaultValue(false);
        e.Property(x => x.Disabled).HasDefaultValue(false);
    }
}

public sealed class OperatorRoleMaps :
    IEntityTypeConfiguration<IdentityRole>, IEntityTypeConfiguration<IdentityUserRole<string>>,
    IEntityTypeConfiguration<IdentityUserClaim<string>>, IEntityTypeConfiguration<IdentityUserLogin<string>>,
    IEntityTypeConfiguration<IdentityUserToken<string>>, IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityRole> e) => e.ToTable("operator_roles");
    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> e) => e.ToTable("operator_account_roles");
    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> e) => e.ToTable("operator_account_claims");
    /// <summary>Single sign-on: the company provider's account linked to a local one.</summary>
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> e) => e.ToTable("operator_account_logins");
    /// <summary>The authenticator key and recovery codes of two-factor sign-in.</summary>
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> e) => e.ToTable("operator_account_secrets");
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> e) => e.ToTable("operator_role_claims");
}

public sealed class ApiTokenRowMap : IEntityTypeConfiguration<ApiTokenRow>
{
    public void Configure(EntityTypeBuilder<ApiTokenRow> e)
    {
        e.ToTable("operator_tokens");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.UserId).HasColumnName("account_id").IsRequired();
        e.Property(x => x.Name).HasMaxLength(ApiTokens.MaxNameLength).IsRequired();
        e.Property(x => x.SecretHash).HasColumnName("secret_sha256").IsRequired();
        e.HasIndex(x => x.SecretHash).IsUnique().HasDatabaseName("operator_tokens_secret");
        e.HasIndex(x => x.UserId).HasDatabaseName("operator_tokens_account");
        e.HasOne<OperatorUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
