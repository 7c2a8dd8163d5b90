using System.Security.Claims;
using System.Text;
using Hesh.Core.Analytics;
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

        // The global log, filtered as on the page. Not found, not forbidden, for anyone but an admin: as the page.
        app.MapGet("/audit.csv", async (string? search, string? action, ClaimsPrincipal user, AuditQueries audit, TimeProvider clock, CancellationToken ct) =>
        {
            var actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            AuditAction? kind = Enum.TryParse<AuditAction>(action, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
            var rows = await audit.ExportAsync(actorId, new AuditQuery(search, kind), ct);
            return rows.Succeeded
                ? CsvFile(AuditQueries.LogCsv(rows.Value!), $"audit-log-{clock.GetUtcNow():yyyy-MM-dd}.csv")
                : Results.NotFound();
        }).RequireAuthorization();

        // Each analytics chart's data, over the range the page shows; "Analytics" checked by the core.
        app.MapGet("/analytics/{chart}.csv", async (string chart, string? range, DateOnly? from, DateOnly? to, ClaimsPrincipal user,
            AnalyticsService analytics, TimeProvider clock, CancellationToken ct) =>
        {
            var actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            if (AnalyticsChartNames.FromSlug(chart) is not { } which)
            {
                return Results.NotFound();
            }
            var report = await analytics.GetAsync(actorId, AnalyticsRange.Parse(range, from, to, clock), ct);
            return report is null
                ? Results.NotFound()
                : CsvFile(AnalyticsService.Csv(report, which), $"analytics-{which.Slug()}-{report.Range.From:yyyy-MM-dd}-{report.Range.To:yyyy-MM-dd}.csv");
        }).RequireAuthorization();
        return app;
    }

    /// <summary>With a byte-order mark, so spreadsheet programs read the names as UTF-8.</summary>
    private static IResult CsvFile(string csv, string fileName) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName);

    /// <summary>A person's name as a file-name part: letters and digits kept (any script), the rest one dash.</summary>
    public static string Slug(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "user" : slug;
    }
}
