using System.Globalization;
using Hesh.Core.Preferences;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Hesh.Core.Users.Import;

/// <summary>One person of the Users export: the import columns first (so an export can be imported elsewhere), then the rest.</summary>
public sealed record UserExportRow(string Email, string FirstName, string LastName, string? Phone, string? ExternalId, string? Department,
    string? Position, UserStatus Status, string Role, DateTime CreatedAt, DateTime? LastSignInAt);

/// <summary>
/// The files of the Users page: the export (CSV and XLSX) and XLSX writing for the import template. In CSV a cell that
/// begins with = + - @ is made text (<see cref="Common.Csv"/>); in XLSX every cell is written as a string, which a
/// spreadsheet never runs as a formula, so the value stays exactly as stored.
/// </summary>
public static class UserFiles
{
    /// <summary>
    /// The header, in the reader's language (the import reads either language's column names back), the time columns
    /// naming the reader's zone (<paramref name="zone"/>); the import ignores those columns, whatever zone they name.
    /// </summary>
    public static IReadOnlyList<string> ExportHeader(TimeZoneInfo zone) =>
        [.. ImportColumns.All.Select(c => c.Title()), Messages.Say("Status"), Messages.Say("Role"),
            Messages.Say("Created ({0})", TimeZones.IdOf(zone)), Messages.Say("Last sign-in ({0})", TimeZones.IdOf(zone))];

    /// <summary>The list as CSV, its times on the reader's clock.</summary>
    public static string ExportCsv(IEnumerable<UserExportRow> rows, TimeZoneInfo zone) => Common.Csv.Write(ExportHeader(zone), rows.Select(r => Cells(r, zone)));

    public static byte[] ExportXlsx(IEnumerable<UserExportRow> rows, TimeZoneInfo zone) => Xlsx(ExportHeader(zone), rows.Select(r => Cells(r, zone)));

    private static string?[] Cells(UserExportRow r, TimeZoneInfo zone) =>
    [
        r.Email, r.FirstName, r.LastName, r.Phone, r.ExternalId, r.Department, r.Position, r.Status.ToString(), r.Role,
        Local(r.CreatedAt, zone), r.LastSignInAt is { } at ? Local(at, zone) : "",
    ];

    private static string Local(DateTime utc, TimeZoneInfo zone) => ZonedTime.ToLocal(utc, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>One sheet, the header in the first row, every cell a string.</summary>
    public static byte[] Xlsx(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(header.Count);
            for (var i = 0; i < header.Count; i++)
            {
                cells[header[i]] = i < row.Count ? row[i] ?? "" : "";
            }
            return cells;
        });
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, sheetName: "Users", excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration { AutoFilter = false, FastMode = true });
        return stream.ToArray();
    }
}
