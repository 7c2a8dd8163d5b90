using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users.Onboarding;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users.Import;

public enum ImportOutcome
{
    Add,
    Skip,
    Error,
}

/// <summary>An error named by its cell: "row 14, email: Enter a valid email address…".</summary>
public sealed record ImportIssue(int RowNumber, ImportColumn? Column, string Message)
{
    public override string ToString() => Column is { } c ? Messages.Say("row {0}, {1}: {2}", RowNumber, c.Label(), Message) : Messages.Say("row {0}: {1}", RowNumber, Message);
}

/// <summary>One row of the preview. <paramref name="ExistingUserId"/> is set for a row skipped because the person exists.</summary>
public sealed record ImportPreviewRow(int RowNumber, string Email, string Name, string? Department, string? Position, ImportOutcome Outcome,
    string? Reason, IReadOnlyList<ImportIssue> Issues, string? ExistingUserId = null);

/// <summary>
/// What an import file would do, before anything is saved. <see cref="People"/> holds the rows to add with their department
/// and position resolved; commit passes them to <see cref="UserBatch"/>, which checks everything again.
/// </summary>
public sealed record ImportPreview(string FileName, IReadOnlyList<ImportPreviewRow> Rows, IReadOnlyList<string> IgnoredColumns)
{
    internal IReadOnlyList<(int RowNumber, NewPerson Person)> People { get; init; } = [];

    public IEnumerable<ImportPreviewRow> ToAdd => Rows.Where(r => r.Outcome == ImportOutcome.Add);
    public IEnumerable<ImportPreviewRow> ToSkip => Rows.Where(r => r.Outcome == ImportOutcome.Skip);
    public IEnumerable<ImportPreviewRow> WithErrors => Rows.Where(r => r.Outcome == ImportOutcome.Error);
    public int AddCount => ToAdd.Count();
    public int SkipCount => ToSkip.Count();
    public int ErrorCount => WithErrors.Count();
}

public enum ReportOutcome
{
    Created,
    Skipped,
    NotImported,
}

public sealed record ImportReportRow(int RowNumber, string Email, ReportOutcome Outcome, string? Reason, string? UserId, string Name = "");

/// <summary>What an import did, row by row; downloadable as CSV (<see cref="UserImport.ReportCsv"/>).</summary>
public sealed record ImportReport(string FileName, DateTime At, IReadOnlyList<ImportReportRow> Rows, int InvitationsNotSent)
{
    public int Created => Rows.Count(r => r.Outcome == ReportOutcome.Created);
    public int Skipped => Rows.Count(r => r.Outcome == ReportOutcome.Skipped);
    public int NotImported => Rows.Count(r => r.Outcome == ReportOutcome.NotImported);

    /// <summary>Under which id <see cref="ImportReports"/> keeps it for the download; set by the commit that made it.</summary>
    public string? ReportId { get; init; }
}

/// <summary>
/// "Import users" on the Users page: a CSV or XLSX file read (<see cref="ImportFile"/>), departments (by name or path
/// "Assembly/Welding") and positions (by name) found in the actor's own company, each row previewed as add, skip (the
/// person exists: same email or phone) or error (named per cell); then the rows to add created through
/// <see cref="UserBatch"/> in one commit, and a report. Only those who may add users (<see cref="UserAccess.CanInvite"/>).
/// Rows with errors are left out of the commit and reported as not imported; the rest goes in whole or not at all.
/// </summary>
public sealed class UserImport(HeshDbContext db, CurrentActorLoader actors, UserBatch batch, ImportReports reports, TimeProvider clock,
    ILogger<UserImport> logger)
{
    public const string Source = "Import from file";
    private static string NotAllowed => Messages.Say("Only an administrator can import users.");

    public static bool CanImport(Actor actor) => UserAccess.CanInvite(actor);

    public async Task<Result<ImportPreview>> PreviewAsync(string actorId, string fileName, Stream content, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !CanImport(actor))
        {
            return Result<ImportPreview>.From(Result.Fail(NotAllowed));
        }
        var table = await ImportFile.ReadAsync(content, fileName, ct);
        if (!table.Succeeded)
        {
            return Result<ImportPreview>.From(table);
        }
        var preview = await PreviewRowsAsync(actor.CompanyId, Path.GetFileName(fileName), table.Value!, ct);
        logger.LogInformation("Import preview of {Rows} rows for company {CompanyId} by {ActorId}: {Add} to add, {Skip} to skip, {Errors} with errors",
            preview.Rows.Count, actor.CompanyId, actor.Id, preview.AddCount, preview.SkipCount, preview.ErrorCount);
        return Result<ImportPreview>.Success(preview);
    }

    /// <summary>
    /// Creates the preview's rows to add. Checks everything again: when something changed since the preview (a department
    /// removed, an email taken meanwhile) nothing is created and the message says to review the file again.
    /// </summary>
    public async Task<Result<ImportReport>> CommitAsync(string actorId, ImportPreview preview, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !CanImport(actor))
        {
            return Result<ImportReport>.From(Result.Fail(NotAllowed));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var byRow = new Dictionary<int, ImportReportRow>();
        if (preview.People.Count > 0)
        {
            var created = await batch.CreateAsync(BatchCaller.For(actor), preview.People.Select(p => p.Person).ToList(), Source, sendInvitations: true, ct);
            if (!created.Succeeded)
            {
                if (created.Value is { Errors.Count: > 0 } failed)
                {
                    var first = failed.Errors[0];
                    var issue = new ImportIssue(preview.People[first.Index].RowNumber, ColumnOf(first.Field), first.Message);
                    return Result<ImportReport>.From(Result.Fail(
                        Messages.Say("Something changed since the preview ({0}). Nobody was imported; choose the file again to review it.", issue)));
                }
                return Result<ImportReport>.From(Result.Fail(created.Error!));
            }
            foreach (var row in created.Value!.Rows)
            {
                var (number, person) = preview.People[row.Index];
                byRow[number] = new ImportReportRow(number, person.Email.Trim(), row.Outcome == BatchOutcome.Created ? ReportOutcome.Created : ReportOutcome.Skipped,
                    row.Outcome == BatchOutcome.Created ? Messages.Say("Invited") : Reason(row.Reason), row.UserId);
            }
            var report = BuildReport(preview, byRow, now, created.Value.InvitationsNotSent);
            logger.LogInformation("Import of {File} for company {CompanyId} by {ActorId}: {Created} created, {Skipped} skipped, {NotImported} not imported",
                preview.FileName, actor.CompanyId, actor.Id, report.Created, report.Skipped, report.NotImported);
            return Result<ImportReport>.Success(Kept(actor, report));
        }
        return Result<ImportReport>.Success(Kept(actor, BuildReport(preview, byRow, now, 0)));
    }

    /// <summary>Every finished import keeps its report for "Download report", for the person who ran it.</summary>
    private ImportReport Kept(Actor actor, ImportReport report) => report with { ReportId = reports.Keep(actor.Id, report) };

    private static ImportReport BuildReport(ImportPreview preview, Dictionary<int, ImportReportRow> byRow, DateTime now, int notSent) =>
        new(preview.FileName, now, preview.Rows.Select(r => byRow.TryGetValue(r.RowNumber, out var done) ? done with { Name = r.Name }
            : r.Outcome == ImportOutcome.Skip ? new ImportReportRow(r.RowNumber, r.Email, ReportOutcome.Skipped, r.Reason, r.ExistingUserId, r.Name)
            : new ImportReportRow(r.RowNumber, r.Email, ReportOutcome.NotImported, r.Reason, null, r.Name))
            .ToList(), notSent);

    private async Task<ImportPreview> PreviewRowsAsync(Guid companyId, string fileName, ImportTable table, CancellationToken ct)
    {
        var departments = new DepartmentFinder(await db.Departments.AsNoTracking().Where(d => d.CompanyId == companyId).ToListAsync(ct));
        var positions = (await db.Positions.AsNoTracking().Where(p => p.CompanyId == companyId).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .GroupBy(p => p.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);

        var issues = table.Rows.Select(_ => new List<ImportIssue>()).ToList();
        var people = new List<NewPerson>(table.Rows.Count);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            Guid? departmentId = null, positionId = null;
            if (row.Optional(ImportColumn.Department) is { } department)
            {
                var found = departments.Find(department);
                if (found.Error is not null)
                {
                    issues[i].Add(new ImportIssue(row.RowNumber, ImportColumn.Department, found.Error));
                }
                departmentId = found.Id;
            }
            if (row.Optional(ImportColumn.Position) is { } position)
            {
                if (positions.TryGetValue(position, out var id))
                {
                    positionId = id;
                }
                else
                {
                    issues[i].Add(new ImportIssue(row.RowNumber, ImportColumn.Position, Messages.Say("There is no position \"{0}\" in your company.", Short(position))));
                }
            }
            people.Add(new NewPerson(row.Get(ImportColumn.Email), row.Get(ImportColumn.FirstName), row.Get(ImportColumn.LastName),
                row.Optional(ImportColumn.Phone), row.Optional(ImportColumn.ExternalId), departmentId, positionId));
        }

        var plan = await batch.PlanAsync(companyId, people, ct);
        foreach (var error in plan.Errors)
        {
            var message = error.FirstIndex is { } first ? Messages.Say("{0} (first in row {1}).", error.Message.TrimEnd('.'), table.Rows[first].RowNumber) : error.Message;
            issues[error.Index].Add(new ImportIssue(table.Rows[error.Index].RowNumber, ColumnOf(error.Field), message));
        }
        var planned = plan.Rows.ToDictionary(r => r.Index);
        var rows = new List<ImportPreviewRow>(table.Rows.Count);
        var toAdd = new List<(int, NewPerson)>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var name = $"{row.Get(ImportColumn.FirstName)} {row.Get(ImportColumn.LastName)}".Trim();
            var (department, position) = (row.Optional(ImportColumn.Department), row.Optional(ImportColumn.Position));
            if (issues[i].Count > 0)
            {
                rows.Add(new ImportPreviewRow(row.RowNumber, row.Get(ImportColumn.Email), name, department, position, ImportOutcome.Error,
                    string.Join(" ", issues[i].Select(x => x.Column is { } c ? $"{c.Label()}: {x.Message}" : x.Message)), issues[i]));
            }
            else if (planned.TryGetValue(i, out var p) && p.Outcome == BatchOutcome.Skipped)
            {
                rows.Add(new ImportPreviewRow(row.RowNumber, row.Get(ImportColumn.Email), name, department, position, ImportOutcome.Skip, Reason(p.Reason), [], p.UserId));
            }
            else
            {
                rows.Add(new ImportPreviewRow(row.RowNumber, row.Get(ImportColumn.Email), name, department, position, ImportOutcome.Add, null, []));
                toAdd.Add((row.RowNumber, people[i]));
            }
        }
        return new ImportPreview(fileName, rows, table.IgnoredColumns) { People = toAdd };
    }

    private static string Reason(string? batchReason) => batchReason switch
    {
        "exists (email)" => Messages.Say("Already in Hesh (same email)"),
        "exists (phone)" => Messages.Say("Already in Hesh (same phone)"),
        _ => batchReason ?? "",
    };

    private static ImportColumn? ColumnOf(string field) => field switch
    {
        BatchFields.Email => ImportColumn.Email,
        BatchFields.FirstName => ImportColumn.FirstName,
        BatchFields.LastName => ImportColumn.LastName,
        BatchFields.Phone => ImportColumn.Phone,
        BatchFields.ExternalId => ImportColumn.ExternalId,
        BatchFields.Department => ImportColumn.Department,
        BatchFields.Position => ImportColumn.Position,
        _ => null,
    };

    internal static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;

    /// <summary>The template: the header and one example row, as CSV.</summary>
    public static string TemplateCsv() => Common.Csv.Write(ImportColumns.All.Select(c => c.Title()), [TemplateExample]);

    /// <summary>The same template as an Excel workbook, every cell text.</summary>
    public static byte[] TemplateXlsx() => UserFiles.Xlsx(ImportColumns.All.Select(c => c.Title()).ToList(), [TemplateExample]);

    private static readonly string?[] TemplateExample = ["ada.lovelace@example.com", "Ada", "Lovelace", "+44 20 7946 0000", "HR-0042", "Assembly/Welding", "Welder"];

    /// <summary>The report as CSV, its header and outcomes in the reader's language.</summary>
    public static string ReportCsv(ImportReport report) => Common.Csv.Write(
        [Messages.Say("Row"), Messages.Say("Email"), Messages.Say("Outcome"), Messages.Say("Reason"), Messages.Say("User id")],
        report.Rows.Select(r => new[] { r.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Email,
            r.Outcome switch { ReportOutcome.Created => Messages.Say("Created"), ReportOutcome.Skipped => Messages.Say("Skipped"), _ => Messages.Say("Not imported") }, r.Reason, r.UserId }));
}

/// <summary>
/// Finds a department by its path ("Assembly/Welding", also with › or \) or, when unambiguous, by its name alone,
/// case-insensitively, among one company's departments only.
/// </summary>
internal sealed class DepartmentFinder
{
    private readonly Dictionary<string, Guid> _byPath = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Guid>> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, string> _pathOf = [];

    public DepartmentFinder(IReadOnlyList<Department> departments)
    {
        var byId = departments.ToDictionary(d => d.Id);
        foreach (var department in departments)
        {
            var names = new List<string>();
            for (Guid? at = department.Id; at is { } id && byId.TryGetValue(id, out var node) && names.Count <= departments.Count; at = node.ParentId)
            {
                names.Insert(0, node.Name.Trim());
            }
            var path = string.Join("/", names);
            _byPath.TryAdd(path, department.Id);
            _pathOf[department.Id] = path;
            if (!_byName.TryGetValue(department.Name.Trim(), out var list))
            {
                _byName[department.Name.Trim()] = list = [];
            }
            list.Add(department.Id);
        }
    }

    public (Guid? Id, string? Error) Find(string text)
    {
        var parts = text.Split(['/', '\\', '›', '>'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var path = string.Join("/", parts);
        if (parts.Length > 1)
        {
            return _byPath.TryGetValue(path, out var id) ? (id, null) : (null, Messages.Say("There is no department \"{0}\" in your company.", UserImport.Short(path)));
        }
        if (!_byName.TryGetValue(path, out var ids))
        {
            return (null, Messages.Say("There is no department \"{0}\" in your company.", UserImport.Short(path)));
        }
        if (ids.Count > 1)
        {
            return (null, Messages.Say("\"{0}\" is the name of more than one department; write its path, e.g. {1}.", UserImport.Short(path), _pathOf[ids[0]]));
        }
        return (ids[0], null);
    }

    public string PathOf(Guid id) => _pathOf.GetValueOrDefault(id, "");
}
