using System.Security.Claims;
using System.Text;
using Hesh.Core.Audit;
using Hesh.Core.Users;

namespace Hesh.Web.Infrastructure;

/// <summary>File downloads. Same rule as the page that links them: the core decides who may read what.</summary>
public static class ExportEndpoints
{
    public static WebApplication MapHeshExports(this WebApplication app)
    {
        app.MapGet("/users/{userId}/permission-history.csv", async (string userId, ClaimsPrincipal user, AuditQueries audit, UserQueries users,
            TimeProvider clock, CancellationToken ct) =>
        {
            var actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            var history = await audit.HistoryAsync(actorId, userId, AuditQueries.HistoryLimit, ct);
            if (!history.Succeeded || await users.GetAsync(actorId, userId, ct) is not { } subject)
            {
                return Results.NotFound();
            }
            // A byte-order mark so spreadsheet programs read the names as UTF-8.
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AuditQueries.HistoryCsv(history.Value!))).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", $"permission-history-{Slug(subject.FullName)}-{clock.GetUtcNow():yyyy-MM-dd}.csv");
        }).RequireAuthorization();
        return app;
    }

    /// <summary>A person's name as a file-name part: letters and digits kept (any script), the rest one dash.</summary>
    public static string Slug(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "user" : slug;
    }
}
