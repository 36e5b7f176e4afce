using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FlashSaleUI.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.SerialColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    event_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: true),
                    detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("audit_log_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "coupon_issues",
                columns: table => new
                {
                    event_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    member_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    claim_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    coupon_code = table.Column<string>(type: "character varying(19)", maxLength: 19, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    persisted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("coupon_issues_event_member", x => new { x.event_code, x.member_id });
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.SerialColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("data_protection_keys_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dead_letters",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.SerialColumn),
                    source_topic = table.Column<string>(type: "text", nullable: false),
                    source_partition = table.Column<int>(type: "integer", nullable: false),
                    source_offset = table.Column<long>(type: "bigint", nullable: false),
                    message_key = table.Column<string>(type: "text", nullable: true),
                    message_value = table.Column<string>(type: "text", nullable: true),
                    event_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    dead_lettered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    replayed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    fingerprint = table.Column<string>(type: "text", nullable: false, defaultValue: "")
                },
                constraints: table =>
                {
                    table.PrimaryKey("dead_letters_pkey", x => x.id);
                    table.UniqueConstraint("dead_letters_source", x => new { x.source_topic, x.source_partition, x.source_offset, x.fingerprint });
                });

            migrationBuilder.CreateTable(
                name: "flash_sale_events",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    stock = table.Column<int>(type: "integer", nullable: false),
                    opens_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    persisted = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 1L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("flash_sale_events_pkey", x => x.code);
                    table.CheckConstraint("flash_sale_events_check", "closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at");
                    table.CheckConstraint("flash_sale_events_stock_check", "stock BETWEEN 1 AND 10000000");
                });

            // Never more stored coupons than the event's stock, whoever writes to the topic (a forged or misrouted message,
            // or grants made twice after Redis lost data): the sink dead-letters the rows past it with this name as the
            // reason. NOT VALID, as the SQL migration that first added it to existing tables: EF Core cannot say that.
            migrationBuilder.Sql(
                "ALTER TABLE flash_sale_events ADD CONSTRAINT persisted_within_stock CHECK (persisted <= stock) NOT VALID;");

            migrationBuilder.CreateIndex(
                name: "audit_log_event",
                table: "audit_log",
                columns: new[] { "event_code", "id" });

            migrationBuilder.CreateIndex(
                name: "coupon_issues_event_issued",
                table: "coupon_issues",
                columns: new[] { "event_code", "issued_at", "member_id" });

            migrationBuilder.CreateIndex(
                name: "dead_letters_open",
                table: "dead_letters",
                column: "dead_lettered_at",
                filter: "replayed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "coupon_issues");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "dead_letters");

            migrationBuilder.DropTable(
                name: "flash_sale_events");
        }
    }
}
