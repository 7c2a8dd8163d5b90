using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hesh.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CompanyId_LastName_FirstName",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<int>(
                name: "ProductionNumber",
                table: "ProductionTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "ProductionTasks",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 420,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_ProductionTasks_CompanyId_ProductionNumber_Order",
                table: "ProductionTasks",
                columns: new[] { "CompanyId", "ProductionNumber", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CompanyId_LastName_FirstName_Id",
                table: "AspNetUsers",
                columns: new[] { "CompanyId", "LastName", "FirstName", "Id" });
            // Fill the new search and ordering columns for rows that existed before them.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"SearchText\" = lower(\"FirstName\" || ' ' || \"LastName\" || '|' || \"LastName\" || ' ' || \"FirstName\" || '|' || coalesce(\"Email\", '') || '|' || coalesce(\"PhoneNumber\", ''))");
            migrationBuilder.Sql("UPDATE \"ProductionTasks\" SET \"SearchText\" = lower(\"Key\" || ' ' || \"Name\"), \"ProductionNumber\" = (SELECT p.\"Number\" FROM \"Productions\" p WHERE p.\"Id\" = \"ProductionTasks\".\"ProductionId\")");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProductionTasks_CompanyId_ProductionNumber_Order",
                table: "ProductionTasks");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CompanyId_LastName_FirstName_Id",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ProductionNumber",
                table: "ProductionTasks");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "ProductionTasks");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CompanyId_LastName_FirstName",
                table: "AspNetUsers",
                columns: new[] { "CompanyId", "LastName", "FirstName" });
        }
    }
}
