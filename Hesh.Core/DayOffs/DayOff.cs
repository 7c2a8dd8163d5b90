namespace Hesh.Core.DayOffs;

/// <summary>A period a user is away, start and end with their times (UTC). Users on a day-off get no automatic tasks.</summary>
public sealed class DayOff
{
    public const int NoteMaxLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyId { get; init; }
    public required string UserId { get; init; }
    public DateTime Start { get; set; }
    public DateTime End { get; set; }
    public string? Note { get; set; }
}

public sealed record DayOffPeriod(Guid Id, DateTime Start, DateTime End, string? Note);

/// <summary>Day-off rules: a period ends after it starts and never overlaps another of the same user.</summary>
public static class DayOffRules
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(366);

    /// <param name="zone">The clock the person entered the period on: the clash is told on it (UTC when null).</param>
    public static string? Check(DateTime start, DateTime end, IEnumerable<DayOffPeriod> existing, TimeZoneInfo? zone = null)
    {
        if (end <= start)
        {
            return Messages.Say("The day-off must end after it starts.");
        }
        if (end - start > MaxLength)
        {
            return Messages.Say("A day-off can last at most a year; add another period for longer.");
        }
        var clash = existing.FirstOrDefault(p => start < p.End && p.Start < end);
        if (clash is null)
        {
            return null;
        }
        var shown = zone ?? TimeZoneInfo.Utc;
        return Messages.Say("It overlaps the day-off from {0:yyyy-MM-dd HH:mm} to {1:yyyy-MM-dd HH:mm} ({2}).",
            Preferences.ZonedTime.ToLocal(clash.Start, shown), Preferences.ZonedTime.ToLocal(clash.End, shown), shown == TimeZoneInfo.Utc ? Preferences.TimeZones.Utc : shown.Id);
    }

    public static bool IsOffAt(IEnumerable<DayOffPeriod> periods, DateTime at) => periods.Any(p => p.Start <= at && at < p.End);
}
