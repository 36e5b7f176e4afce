using FlashSaleUI.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FlashSaleUI.Tests.Unit;

/// <summary>The model the code builds (the maps and PostgresNames' rule) is the one the migrations made: a change to
/// either without a new migration fails here, not on a production database.</summary>
public class SchemaModelTests
{
    [Fact]
    public void The_model_has_no_change_the_migrations_do_not_make()
    {
        using var context = new FlashSaleDbContextFactory().CreateDbContext([]); // no connection is opened
        Assert.False(context.Database.HasPendingModelChanges());
    }

    [Theory]
    [InlineData("audit_log", "actor_id")]
    [InlineData("dead_letters", "dead_lettered_at")]
    [InlineData("operator_tokens", "account_id")]
    public void Our_tables_name_their_columns_in_snake_case(string table, string column)
    {
        using var context = new FlashSaleDbContextFactory().CreateDbContext([]);
        var entity = context.Model.GetEntityTypes().Single(e => e.GetTableName() == table);
        Assert.Contains(column, entity.GetProperties().Select(p => p.GetColumnName()));
        Assert.Equal($"{table}_pkey", entity.FindPrimaryKey()!.GetName());
    }

    [Fact]
    public void Identity_tables_keep_identitys_column_names()
    {
        using var context = new FlashSaleDbContextFactory().CreateDbContext([]);
        var accounts = context.Model.GetEntityTypes().Single(e => e.GetTableName() == "operator_accounts");
        Assert.Contains("NormalizedUserName", accounts.GetProperties().Select(p => p.GetColumnName()));
    }
}
