using System.Globalization;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;
using Hesh.Core.Productions;
using Hesh.Core.Users;

namespace Hesh.Core.Analytics;

/// <summary>One bar or slice: its label and count; a day's bar carries its date too (the CSV writes it in full).</summary>
public sealed record CountBy(string Label, int Count, DateOnly? Day = null);

public enum AnalyticsChart
{
    ProductionsByStatus,
    TasksDonePerDay,
    FailuresPerDepartment,
}

/// <summary>
/// The period the bars cover, whole days of the company's clock from <see cref="From"/> to <see cref="To"/> inclusive: one of the
/// presets (the last 7, 30 or 90 days) or a custom from–to, never longer than <see cref="MaxDays"/> nor in the future.
/// </summary>
public sealed record AnalyticsRange(DateOnly From, DateOnly To, int? Preset)
{
    public const int MaxDays = 366;
    public const int DefaultDays = 30;
    public static IReadOnlyList<int> Presets { get; } = [7, 30, 90];

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static AnalyticsRange Last(int days, DateOnly today) => new(today.AddDays(-(Math.Clamp(days, 1, MaxDays) - 1)), today, days);

    /// <summary>A custom period, put in order and cut to what can be shown: ending today at the latest, at most a year long.</summary>
    public static AnalyticsRange Custom(DateOnly from, DateOnly to, DateOnly today)
    {
        if (from > to)
        {
            (from, to) = (to, from);
        }
        to = to > today ? today : to;
        from = from > to ? to : from;
        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            from = to.AddDays(-(MaxDays - 1));
        }
        return new AnalyticsRange(from, to, null);
    }

    /// <summary>
    /// From a query string: range=7|30|90, or range=custom with from and to (yyyy-MM-dd). Anything else is the default.
    /// Cut at the company's today (<paramref name="companyZone"/>), as the report is counted: at 23:30 UTC a Kyiv
    /// company is on the next day already, and a period ending on it is kept, not clipped to the UTC day before.
    /// </summary>
    public static AnalyticsRange Parse(string? range, DateOnly? from, DateOnly? to, TimeProvider clock, TimeZoneInfo companyZone)
    {
        var today = ZonedTime.Today(clock.GetUtcNow().UtcDateTime, companyZone);
        if (range == "custom" && from is { } f && to is { } t)
        {
            return Custom(f, t, today);
        }
        return int.TryParse(range, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && Presets.Contains(days)
            ? Last(days, today)
            : Last(DefaultDays, today);
    }

    /// <summary>The query string that asks for this range again (the CSV links carry it).</summary>
    public string Query => Preset is { } days
        ? $"range={days}"
        : $"range=custom&from={From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>"last 30 days" or "1 Nov 2026 – 30 Nov 2026", in the reader's language and calendar words.</summary>
    public string Title => Preset is { } days
        ? Messages.Say("last {0} days", days)
        : Messages.Say("{0} – {1}", From.ToString("d MMM yyyy", CultureInfo.CurrentCulture), To.ToString("d MMM yyyy", CultureInfo.CurrentCulture));
}

/// <summary>
/// What the Analytics page shows. <see cref="HasProductions"/> is false for a company that has launched nothing yet,
/// whose page guides it to its first production instead of showing empty charts.
/// </summary>
public sealed record AnalyticsReport(IReadOnlyList<CountBy> ProductionsByStatus, IReadOnlyList<CountBy> TasksDonePerDay,
    IReadOnlyList<CountBy> FailuresPerDepartment, AnalyticsRange Range, bool HasProductions, string Zone = TimeZones.Utc)
{
    public int TasksDone => TasksDonePerDay.Sum(c => c.Count);
    public int Failures => FailuresPerDepartment.Sum(c => c.Count);
}

/// <summary>
/// The company's analytics, counted by the database (grouped queries), never by loading rows into memory. The donut
/// is every production's status now; the bars count within the asked period.
/// </summary>
public sealed class AnalyticsService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock)
{
    public const int Days = AnalyticsRange.DefaultDays;

    public async Task<AnalyticsReport?> GetAsync(string actorId, AnalyticsRange? range = null, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.Analytics))
        {
            return null;
        }
        // Days are the company's days: a task done at 00:30 in Kyiv counts on that Kyiv day, not the UTC one before.
        var companyZone = await db.Companies.Where(c => c.Id == actor.CompanyId).Select(c => c.TimeZone).FirstOrDefaultAsync(ct);
        var zone = TimeZones.Resolve(null, companyZone);
        var today = ZonedTime.Today(clock.GetUtcNow().UtcDateTime, zone);
        // Whatever period is asked, the one counted is a valid one: a preset up to today, or a custom period cut to size.
        range = range is null ? AnalyticsRange.Last(Days, today)
            : range.Preset is { } preset && AnalyticsRange.Presets.Contains(preset) ? AnalyticsRange.Last(preset, today)
            : AnalyticsRange.Custom(range.From, range.To, today);
        var company = actor.CompanyId;
        var noDepartment = Messages.Say("No department");
        var byStatus = await db.Productions.Where(p => p.CompanyId == company).GroupBy(p => p.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);

        var since = ZonedTime.ToUtc(range.From.ToDateTime(TimeOnly.MinValue), zone).Utc;
        var until = ZonedTime.ToUtc(range.To.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).Utc;
        // Counted by the database in quarter hours of UTC (every zone's offset is a whole number of them), then each
        // quarter is put on its local day: at most 96 rows a day, never the tasks themselves.
        var quarters = await db.ProductionTasks.Where(t => t.CompanyId == company && t.Status == WorkStatus.Done && t.DoneAt >= since && t.DoneAt < until)
            .GroupBy(t => new { t.DoneAt!.Value.Date, t.DoneAt!.Value.Hour, Quarter = t.DoneAt!.Value.Minute / 15 })
            .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Quarter, Count = g.Count() }).ToListAsync(ct);
        var perDay = quarters
            .GroupBy(q => DateOnly.FromDateTime(ZonedTime.ToLocal(DateTime.SpecifyKind(q.Date.AddHours(q.Hour).AddMinutes(q.Quarter * 15), DateTimeKind.Utc), zone)))
            .ToDictionary(g => g.Key, g => g.Sum(q => q.Count));

        var failures = await (from f in db.TaskFailures
                              where f.CompanyId == company && f.At >= since && f.At < until
                              join t in db.ProductionTasks on f.TaskId equals t.Id
                              join d in db.Departments on t.DepartmentId equals d.Id into dj
                              from d in dj.DefaultIfEmpty()
                              group f by d == null ? noDepartment : d.Name into g
                              select new { g.Key, Count = g.Count() }).ToListAsync(ct);

        var days = Enumerable.Range(0, range.Days).Select(i => range.From.AddDays(i));
        return new AnalyticsReport(
            Enum.GetValues<ProductionStatus>().Select(s => new CountBy(s.Name(), byStatus.SingleOrDefault(x => x.Key == s)?.Count ?? 0)).ToList(),
            days.Select(day => new CountBy(day.ToString("d MMM", CultureInfo.CurrentCulture),
                perDay.GetValueOrDefault(day), day)).ToList(),
            failures.OrderByDescending(x => x.Count).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => new CountBy(x.Key, x.Count)).ToList(),
            range, byStatus.Sum(x => x.Count) > 0, TimeZones.IdOf(zone));
    }

    /// <summary>One chart's data as CSV, escaped like every export (a department named "=1+1" stays text).</summary>
    public static string Csv(AnalyticsReport report, AnalyticsChart chart) => chart switch
    {
        AnalyticsChart.ProductionsByStatus => Common.Csv.Write([Messages.Say("Status"), Messages.Say("Productions")],
            report.ProductionsByStatus.Select(c => new[] { c.Label, Number(c.Count) })),
        AnalyticsChart.TasksDonePerDay => Common.Csv.Write([Messages.Say("Day ({0})", report.Zone), Messages.Say("Tasks done")],
            report.TasksDonePerDay.Select(c => new[] { c.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? c.Label, Number(c.Count) })),
        AnalyticsChart.FailuresPerDepartment => Common.Csv.Write([Messages.Say("Department"), Messages.Say("Failed tasks")],
            report.FailuresPerDepartment.Select(c => new[] { c.Label, Number(c.Count) })),
        _ => throw new ArgumentOutOfRangeException(nameof(chart), chart, null),
    };

    private static string Number(int count) => count.ToString(CultureInfo.CurrentCulture);
}

public static class AnalyticsChartNames
{
    /// <summary>The chart's part of its CSV's address and file name: "tasks-done-per-day".</summary>
    public static string Slug(this AnalyticsChart chart) => chart switch
    {
        AnalyticsChart.ProductionsByStatus => "productions-by-status",
        AnalyticsChart.TasksDonePerDay => "tasks-done-per-day",
        AnalyticsChart.FailuresPerDepartment => "failures-per-department",
        _ => throw new ArgumentOutOfRangeException(nameof(chart), chart, null),
    };

    public static AnalyticsChart? FromSlug(string? slug) => Enum.GetValues<AnalyticsChart>().Cast<AnalyticsChart?>().FirstOrDefault(c => c!.Value.Slug() == slug);
}
