using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FlashSaleUI.Core.Persistence;

/// <summary>The naming rule of our own tables, in one place: snake_case columns and a "{table}_pkey" primary key, as
/// PostgreSQL itself names them (and as the tables were named before EF Core owned the schema). A map names a column
/// or key only where it differs. Identity's tables keep Identity's names.</summary>
public static class PostgresNames
{
    public static void Apply(IMutableModel model)
    {
        foreach (var entity in model.GetEntityTypes().Where(e => !IsIdentitys(e.ClrType)))
        {
            // a column nobody named is still called after its property
            foreach (var property in entity.GetProperties().Where(p => p.GetColumnName() == p.Name))
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            if (entity.FindPrimaryKey() is { } key && key.GetName() == key.GetDefaultName())
                key.SetName($"{entity.GetTableName()}_pkey");
        }
    }

    private static bool IsIdentitys(Type type) =>
        type.Assembly == typeof(IdentityRole).Assembly || type.IsSubclassOf(typeof(IdentityUser));
}
