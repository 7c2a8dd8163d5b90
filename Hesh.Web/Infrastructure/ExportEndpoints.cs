using System.Security.Claims;
using System.Text;
using Hesh.Core.Audit;

namespace Hesh.Web.Infrastructure;

/// <summary>File downloads. Same rule as the page that links them: the core decides who may read what.</summary>
public static class ExportEndpoints
{
    public static WebApplication MapHeshExports(this WebApplication app)
    {
        app.MapGet("/users/{userId}/permission-history.csv", async (string userId, ClaimsPrincipal user, AuditQueries audit, CancellationToken ct) =>
        {
            var history = await audit.HistoryAsync(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", userId, AuditQueries.HistoryLimit, ct);
            if (!history.Succeeded)
            {
                return Results.NotFound();
            }
            // A byte-order mark so spreadsheet programs read the names as UTF-8.
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AuditQueries.HistoryCsv(history.Value!))).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", $"permission-history-{userId}.csv");
        }).RequireAuthorization();
        return app;
    }
}
