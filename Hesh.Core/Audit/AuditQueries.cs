using Hesh.Core.Data;
using Hesh.Core.Users;

namespace Hesh.Core.Audit;

public sealed record AuditQuery(string? Search = null, AuditAction? Action = null, DateTime? From = null, DateTime? To = null, int Page = 0, int PageSize = 25);

public sealed record AuditRow(long Id, DateTime At, string ActorName, string SubjectId, string SubjectName, AuditAction Action, string What, string? Before, string? After);

/// <summary>The audit log, for admins of the company only, newest first.</summary>
public sealed class AuditQueries(HeshDbContext db, CurrentActorLoader actors)
{
    public async Task<Result<Page<AuditRow>>> ListAsync(string actorId, AuditQuery query, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is not { IsAdmin: true, Status: UserStatus.Active })
        {
            return Result<Page<AuditRow>>.From(Result.Fail("Only administrators can read the audit log."));
        }
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.CompanyId == actor.CompanyId);
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
        var total = await entries.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, 100);
        var rows = await entries.OrderByDescending(e => e.Id).Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(e => new AuditRow(e.Id, e.At, e.ActorName, e.SubjectId, e.SubjectName, e.Action, e.What, e.Before, e.After))
            .ToListAsync(ct);
        return Result<Page<AuditRow>>.Success(new Page<AuditRow>(rows, total));
    }
}
