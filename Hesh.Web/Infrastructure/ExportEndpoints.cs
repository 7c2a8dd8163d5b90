using System.Security.Claims;
using System.Text;
using Hesh.Core.Analytics;
using Hesh.Core.Audit;
using Hesh.Core.Users;
using Hesh.Core.Users.Import;
using Hesh.Web.Preferences;

namespace Hesh.Web.Infrastructure;

/// <summary>File downloads. Same rule as the page that links them: the core decides who may read what.</summary>
public static class ExportEndpoints
{
    public static WebApplication MapHeshExports(this WebApplication app)
    {
        // Every file's times are on its reader's clock, the zone named in the header, as the pages show them.
        app.MapGet("/users/{userId}/permission-history.csv", async (string userId, HttpContext http, ClaimsPrincipal user, AuditQueries audit, UserQueries users,
            TimeProvider clock, CancellationToken ct) =>
        {
            var actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            var history = await audit.HistoryAsync(actorId, userId, AuditQueries.HistoryLimit, ct);
            if (!history.Succeeded || await users.GetAsync(actorId, userId, ct) is not { } subject)
            {
                return Results.NotFound();
            }
            var zone = (await RequestPreferences.ZonesAsync(http)).Zone;
            // A byte-order mark so spreadsheet programs read the names as UTF-8.
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(AuditQueries.HistoryCsv(history.Value!, zone))).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", $"permission-history-{Slug(subject.FullName)}-{clock.GetUtcNow():yyyy-MM-dd}.csv");
        }).RequireAuthorization();

        // The global log, filtered as on the page. Not found, not forbidden, for anyone but an admin: as the page.
        app.MapGet("/audit.csv", async (string? search, string? action, HttpContext http, ClaimsPrincipal user, AuditQueries audit, TimeProvider clock, CancellationToken ct) =>
        {
            var actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            AuditAction? kind = Enum.TryParse<AuditAction>(action, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
            var rows = await audit.ExportAsync(actorId, new AuditQuery(search, kind), ct);
            return rows.Succeeded
                ? CsvFile(AuditQueries.LogCsv(rows.Value!, (await RequestPreferences.ZonesAsync(http)).Zone), $"audit-log-{clock.GetUtcNow():yyyy-MM-dd}.csv")
                : Results.NotFound();
        }).RequireAuthorization();

        // Each analytics chart's data, over the range the page shows; "Analytics" checked by the core.
        app.MapGet("/analytics/{chart}.csv", async (string chart, string? range, DateOnly? from, DateOnly? to, HttpContext http, ClaimsPrincipal user,
            AnalyticsService analytics, TimeProvider clock, CancellationToken ct) =>
        {
            var actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            if (AnalyticsChartNames.FromSlug(chart) is not { } which)
            {
                return Results.NotFound();
            }
            var zones = await RequestPreferences.ZonesAsync(http);
            var report = await analytics.GetAsync(actorId, AnalyticsRange.Parse(range, from, to, clock, zones.Company), ct);
            return report is null
                ? Results.NotFound()
                : CsvFile(AnalyticsService.Csv(report, which), $"analytics-{which.Slug()}-{report.Range.From:yyyy-MM-dd}-{report.Range.To:yyyy-MM-dd}.csv");
        }).RequireAuthorization();

        // "Who has this?": the holders of one permission as the page lists them; the core applies the users scope.
        app.MapGet("/users/access.csv", async (string? permission, string? department, HttpContext http, ClaimsPrincipal user,
            Hesh.Core.AccessByPermission.AccessByPermissionService holders, TimeProvider clock, CancellationToken ct) =>
        {
            if (Hesh.Core.AccessByPermission.PermissionChoice.Parse(permission) is not { } choice)
            {
                return Results.NotFound();
            }
            var rows = await holders.HoldersAsync(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
                new Hesh.Core.AccessByPermission.AccessHoldersQuery(choice, Guid.TryParse(department, out var d) ? d : null), ct);
            return rows.Succeeded
                ? CsvFile(Hesh.Core.AccessByPermission.AccessByPermissionService.Csv(choice, rows.Value!, (await RequestPreferences.ZonesAsync(http)).Zone),
                    $"access-{choice.Slug.ToLowerInvariant().Replace('.', '-')}-{clock.GetUtcNow():yyyy-MM-dd}.csv")
                : Results.NotFound();
        }).RequireAuthorization();

        app.MapHeshUserFiles();
        return app;
    }

    /// <summary>
    /// The Users page's files: the list as CSV or XLSX with the page's filters (same parameter names as its address; the
    /// rule is the list's), and for those who may import: the template and the report of an import they ran.
    /// </summary>
    private static void MapHeshUserFiles(this WebApplication app)
    {
        app.MapGet("/users/export.{format}", async (string format, string? q, string? status, string? department, string? position, string? signin,
            HttpContext http, ClaimsPrincipal user, UserQueries users, TimeProvider clock, CancellationToken ct) =>
        {
            if (format is not ("csv" or "xlsx"))
            {
                return Results.NotFound();
            }
            var query = new UserListQuery(string.IsNullOrWhiteSpace(q) ? null : q,
                Enum.TryParse<UserStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null, 0, UserQueries.MaxPageSize,
                Guid.TryParse(department, out var d) ? d : null, Guid.TryParse(position, out var p) ? p : null, signin == "never");
            var rows = await users.ExportAsync(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", query, ct);
            if (!rows.Succeeded)
            {
                return Results.NotFound();
            }
            var name = $"users-{clock.GetUtcNow():yyyy-MM-dd}";
            var zone = (await RequestPreferences.ZonesAsync(http)).Zone;
            return format == "csv" ? CsvFile(UserFiles.ExportCsv(rows.Value!, zone), $"{name}.csv") : XlsxFile(UserFiles.ExportXlsx(rows.Value!, zone), $"{name}.xlsx");
        }).RequireAuthorization();

        app.MapGet("/users/import/template.{format}", async (string format, ClaimsPrincipal user, CurrentActorLoader actors, CancellationToken ct) =>
        {
            if (format is not ("csv" or "xlsx") || await actors.LoadAsync(user.FindFirstValue(ClaimTypes.NameIdentifier), ct) is not { } actor
                || !UserImport.CanImport(actor))
            {
                return Results.NotFound();
            }
            return format == "csv" ? CsvFile(UserImport.TemplateCsv(), "hesh-users-template.csv") : XlsxFile(UserImport.TemplateXlsx(), "hesh-users-template.xlsx");
        }).RequireAuthorization();

        // Only its own author, while they may still import: a report lists the emails and ids of the people it created.
        app.MapGet("/users/import/reports/{id}.csv", async (string id, ClaimsPrincipal user, CurrentActorLoader actors, ImportReports reports, CancellationToken ct) =>
        {
            var actorId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            if (await actors.LoadAsync(actorId, ct) is not { } actor || !UserImport.CanImport(actor) || reports.Find(actorId, id) is not { } report)
            {
                return Results.NotFound();
            }
            return CsvFile(UserImport.ReportCsv(report), $"import-report-{report.At:yyyy-MM-dd-HHmm}.csv");
        }).RequireAuthorization();
    }

    private static IResult XlsxFile(byte[] content, string fileName) =>
        Results.File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);

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
