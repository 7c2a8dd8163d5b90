using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hesh.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProductionTasks_CompanyId_ProductionNumber_Order",
                table: "ProductionTasks");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CompanyId_LastName_FirstName_Id",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_ProductionTasks_CompanyId_ProductionNumber_Order_Status_SearchText",
                table: "ProductionTasks",
                columns: new[] { "CompanyId", "ProductionNumber", "Order", "Status", "SearchText" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CompanyId_LastName_FirstName_Id_SearchText",
                table: "AspNetUsers",
                columns: new[] { "CompanyId", "LastName", "FirstName", "Id", "SearchText" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProductionTasks_CompanyId_ProductionNumber_Order_Status_SearchText",
                table: "ProductionTasks");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CompanyId_LastName_FirstName_Id_SearchText",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_ProductionTasks_CompanyId_ProductionNumber_Order",
                table: "ProductionTasks",
                columns: new[] { "CompanyId", "ProductionNumber", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CompanyId_LastName_FirstName_Id",
                table: "AspNetUsers",
                columns: new[] { "CompanyId", "LastName", "FirstName", "Id" });
        }
    }
}
