using Hesh.Core.Data;
using Hesh.Core.Preferences;
using Hesh.Core.Users;

namespace Hesh.Core.Audit;

public sealed record AuditQuery(string? Search = null, AuditAction? Action = null, DateTime? From = null, DateTime? To = null, int Page = 0, int PageSize = 25);

public sealed record AuditRow(long Id, DateTime At, string ActorName, string SubjectId, string SubjectName, AuditAction Action, string What, string? Before, string? After)
{
    /// <summary>Only what changed; <see cref="Before"/> and <see cref="After"/> keep the full texts.</summary>
    public AuditChange Change { get; } = AuditChange.Of(Action, What, Before, After);

    /// <summary>The subject is a person of the company, whose page the log may link to.</summary>
    public bool SubjectIsUser => Action.IsAboutUser();

    /// <summary>The page of the entry's subject (a person, a product, a production), or null for one with no page.</summary>
    public string? SubjectPage => SubjectIsUser ? $"users/{SubjectId}"
        : Action is AuditAction.ProductVersionPublished ? $"products/{SubjectId}"
        : Action is AuditAction.ProductionLaunched or AuditAction.ProductionStatusChanged ? $"productions/{SubjectId}"
        : null;
}

/// <summary>One change in a user's own permission history.</summary>
public sealed record HistoryRow(long Id, DateTime At, string ActorName, AuditAction Action, string What, string? Before, string? After, ChangeSource Source)
{
    /// <summary>Only what changed; <see cref="Before"/> and <see cref="After"/> keep the full texts.</summary>
    public AuditChange Change { get; } = AuditChange.Of(Action, What, Before, After);
}

/// <summary>The audit log, for admins of the company only, newest first.</summary>
public sealed class AuditQueries(HeshDbContext db, CurrentActorLoader actors)
{
    /// <summary>The audit log's words, English as the key (Hesh.Core/Resources/Audit/Messages.resx and .uk.resx).</summary>
    private static class Messages
    {
        public static string Say(string english, params object?[] args) => Hesh.Core.Common.Localization.CoreTexts.Say(Hesh.Core.Email.FeatureTexts.Of("Audit"), english, args);
    }

    public async Task<Result<Page<AuditRow>>> ListAsync(string actorId, AuditQuery query, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !MainPages.CanReadAuditLog(actor))
        {
            return Result<Page<AuditRow>>.From(Result.Fail(Messages.Say("Only administrators can read the audit log.")));
        }
        var entries = Filtered(actor.CompanyId, query);
        var total = await entries.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, 100);
        var rows = await entries.OrderByDescending(e => e.Id).Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(e => new AuditRow(e.Id, e.At, e.ActorName, e.SubjectId, e.SubjectName, e.Action, e.What, e.Before, e.After))
            .ToListAsync(ct);
        return Result<Page<AuditRow>>.Success(new Page<AuditRow>(rows, total));
    }

    public const int ExportLimit = 10_000;

    /// <summary>The log as filtered on the page, newest first, for the CSV: admins only, this company only.</summary>
    public async Task<Result<IReadOnlyList<AuditRow>>> ExportAsync(string actorId, AuditQuery query, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !MainPages.CanReadAuditLog(actor))
        {
            return Result<IReadOnlyList<AuditRow>>.From(Result.Fail(Messages.Say("Only administrators can read the audit log.")));
        }
        var rows = await Filtered(actor.CompanyId, query).OrderByDescending(e => e.Id).Take(ExportLimit)
            .Select(e => new AuditRow(e.Id, e.At, e.ActorName, e.SubjectId, e.SubjectName, e.Action, e.What, e.Before, e.After))
            .ToListAsync(ct);
        return Result<IReadOnlyList<AuditRow>>.Success(rows);
    }

    /// <summary>
    /// The log as CSV, its headers and change titles in the reader's language, its times on the reader's clock
    /// (<paramref name="zone"/>, named in the header); what was written stays as written.
    /// </summary>
    public static string LogCsv(IEnumerable<AuditRow> rows, TimeZoneInfo zone) => Csv.Write(
        [When(zone), Messages.Say("Who"), Messages.Say("Whom"), Messages.Say("Change"), Messages.Say("What"), Messages.Say("Changed"), Messages.Say("Before"), Messages.Say("After")],
        rows.Select(r => new[]
        {
            Stamp(r.At, zone), r.ActorName, r.SubjectName,
            r.Action.Title(), r.What, r.Change.Text, r.Before, r.After,
        }));

    private IQueryable<AuditEntry> Filtered(Guid companyId, AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.CompanyId == companyId);
        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }
        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPattern.Contains(query.Search);
            entries = entries.Where(e => EF.Functions.Like(e.SubjectName.ToLower(), pattern, SearchPattern.Escape) || EF.Functions.Like(e.ActorName.ToLower(), pattern, SearchPattern.Escape)
                || EF.Functions.Like(e.What.ToLower(), pattern, SearchPattern.Escape));
        }
        return entries;
    }

    public const int HistoryLimit = 10_000;

    internal static readonly AuditAction[] PermissionActions =
    [
        AuditAction.PermissionGranted, AuditAction.PermissionRevoked, AuditAction.TaskEditLevelChanged, AuditAction.AdminGranted,
        AuditAction.AdminRevoked, AuditAction.PermissionsApplied, AuditAction.OwnershipTransferred,
        AuditAction.PermissionExpired, AuditAction.TemporaryAccessChanged,
    ];

    /// <summary>
    /// A user's permission history, newest first: for the user themself and for whoever may see their permissions.
    /// </summary>
    public async Task<Result<IReadOnlyList<HistoryRow>>> HistoryAsync(string actorId, string userId, int limit = HistoryLimit, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        var user = actor is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.CompanyId == actor.CompanyId, ct);
        if (user is null || !UserAccess.CanView(actor!, user))
        {
            return Result<IReadOnlyList<HistoryRow>>.From(Result.NotFound);
        }
        var rows = await db.AuditEntries.AsNoTracking()
            .Where(e => e.CompanyId == actor!.CompanyId && e.SubjectId == userId && PermissionActions.Contains(e.Action))
            .OrderByDescending(e => e.Id).Take(Math.Clamp(limit, 1, HistoryLimit))
            .Select(e => new HistoryRow(e.Id, e.At, e.ActorName, e.Action, e.What, e.Before, e.After, e.Source ?? ChangeSource.Toggle))
            .ToListAsync(ct);
        return Result<IReadOnlyList<HistoryRow>>.Success(rows);
    }

    /// <summary>A user's permission history as CSV, its headers in the reader's language, its times on the reader's clock.</summary>
    public static string HistoryCsv(IEnumerable<HistoryRow> rows, TimeZoneInfo zone) => Csv.Write(
        [When(zone), Messages.Say("Who"), Messages.Say("From"), Messages.Say("What"), Messages.Say("Changed"), Messages.Say("Before"), Messages.Say("After")],
        rows.Select(r => new[] { Stamp(r.At, zone), r.ActorName, r.Source.ToString(), r.What, r.Change.Text, r.Before, r.After }));

    // The zone's id, not its offset: one file spans winter and summer, when Kyiv is UTC+2 and UTC+3.
    private static string When(TimeZoneInfo zone) => Messages.Say("When ({0})", TimeZones.IdOf(zone));

    // To the second, as the log page shows it: entries a moment apart stay apart.
    private static string Stamp(DateTime at, TimeZoneInfo zone) =>
        ZonedTime.ToLocal(at, zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
