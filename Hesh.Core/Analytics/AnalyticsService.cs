using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Productions;
using Hesh.Core.Users;

namespace Hesh.Core.Analytics;

public sealed record CountBy(string Label, int Count);

public sealed record AnalyticsReport(IReadOnlyList<CountBy> ProductionsByStatus, IReadOnlyList<CountBy> TasksDonePerDay, IReadOnlyList<CountBy> FailuresPerDepartment);

/// <summary>The company's analytics, counted by the database (grouped queries), never by loading rows into memory.</summary>
public sealed class AnalyticsService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock)
{
    public const int Days = 30;

    public async Task<AnalyticsReport?> GetAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.Analytics))
        {
            return null;
        }
        var company = actor.CompanyId;
        var byStatus = await db.Productions.Where(p => p.CompanyId == company).GroupBy(p => p.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        var today = clock.GetUtcNow().UtcDateTime.Date;
        var since = today.AddDays(-(Days - 1));
        var perDay = await db.ProductionTasks.Where(t => t.CompanyId == company && t.Status == WorkStatus.Done && t.DoneAt >= since)
            .GroupBy(t => t.DoneAt!.Value.Date).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(ct);

        var failures = await (from f in db.TaskFailures
                              where f.CompanyId == company
                              join t in db.ProductionTasks on f.TaskId equals t.Id
                              join d in db.Departments on t.DepartmentId equals d.Id into dj
                              from d in dj.DefaultIfEmpty()
                              group f by d == null ? "No department" : d.Name into g
                              select new { g.Key, Count = g.Count() }).ToListAsync(ct);

        return new AnalyticsReport(
            Enum.GetValues<ProductionStatus>().Select(s => new CountBy(s.Title(), byStatus.SingleOrDefault(x => x.Key == s)?.Count ?? 0)).ToList(),
            Enumerable.Range(0, Days).Select(i => since.AddDays(i)).Select(day => new CountBy(day.ToString("MM-dd"), perDay.SingleOrDefault(x => x.Day == day)?.Count ?? 0)).ToList(),
            failures.OrderByDescending(x => x.Count).Select(x => new CountBy(x.Key, x.Count)).ToList());
    }
}
