using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlashSaleUI.Tests.Integration.Persistence;

/// <summary>EF Core's migrations own the schema: instances starting together migrate once, and a database made by the
/// SQL files of before is adopted, its data kept.</summary>
public sealed class SchemaMigrationTests
{
    private sealed class SecondInstance(AppFactory first) : AppFactory(first);

    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_create_the_schema_once()
    {
        await using var first = new AppFactory();
        await first.InitializeAsync(); // an empty database: nothing is made before a host starts
        Assert.Equal(0, await first.Database.ScalarAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        await using var second = new SecondInstance(first);

        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server)); // both hosts start (and migrate)

        var migrations = MigrationsOf(first);
        var history = await first.Database.RowsAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1");
        Assert.Equal(migrations, history.Select(r => r[0]!).ToList());
        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health/live")).StatusCode);
        var code = TestCodes.New("MIG");
        await first.OperatorClient().CreateEventAsync(code, stock: 3);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync($"/api/events/{code}")).StatusCode);
    }

    [Fact]
    public async Task A_database_made_by_the_former_SQL_migrations_is_adopted_with_its_data()
    {
        await using var app = new AppFactory();
        await app.InitializeAsync();
        // the schema as the SQL files left it (0001-0006, each recorded in schema_migrations), with a sale in it
        await using (var conn = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await conn.OpenAsync();
            await Exec(conn, "CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "SqlEra"), "*.sql").Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                await Exec(conn, await File.ReadAllTextAsync(file));
                await Exec(conn, $"INSERT INTO schema_migrations (version) VALUES ('{Path.GetFileNameWithoutExtension(file)}')");
            }
            await Exec(conn, "INSERT INTO flash_sale_events (code, name, stock, created_at) VALUES ('OLD-SALE', 'Before EF', 7, now())");
        }

        var sale = await (await app.CreateClient().GetAsync("/api/events/OLD-SALE")).JsonAsync(); // the host starts, adopts
        Assert.Equal(("Before EF", 7), (sale.GetProperty("name").GetString(), sale.GetProperty("stock").GetInt32()));
        var history = await app.Database.RowsAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1");
        Assert.Equal(MigrationsOf(app), history.Select(r => r[0]!).ToList());
        // what came after the SQL files was applied: long member ids, and the ticket keys
        Assert.Equal(255, await app.Database.ScalarAsync("""
            SELECT character_maximum_length FROM information_schema.columns
            WHERE table_name = 'coupon_issues' AND column_name = 'member_id'
            """));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().ClaimAsync("OLD-SALE", "adopted-member")).StatusCode);
    }

    private static List<string> MigrationsOf(AppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<IDbContextFactory<FlashSaleUI.Core.Persistence.FlashSaleDbContext>>()
            .CreateDbContext().Database.GetMigrations().Order(StringComparer.Ordinal).ToList();
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
