namespace Hesh.Core.Preferences;

/// <summary>A wall-clock time turned into UTC: <see cref="Shifted"/> when the clock skipped it (spring forward) and it moved past the gap.</summary>
public readonly record struct ZonedInstant(DateTime Utc, bool Shifted);

/// <summary>
/// Conversions between UTC (what is stored) and a zone's wall clock (what people enter and read). Pure rules: no clock,
/// no database. Ambiguous and skipped wall-clock times are resolved the same way everywhere, so a time entered twice
/// lands on the same instant.
/// </summary>
public static class ZonedTime
{
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), DateTimeKind.Unspecified);

    /// <summary>
    /// The instant a wall-clock time names. Ambiguous (the hour the clock falls back over): the first, earlier one —
    /// the larger offset. Skipped (the hour the clock jumps over): moved forward by the gap, and <see cref="ZonedInstant.Shifted"/> says so.
    /// </summary>
    public static ZonedInstant ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            // The offset before the gap applies: 03:30 on a day Kyiv jumps 03:00→04:00 is read as 04:30 local.
            var before = zone.GetUtcOffset(wall.AddHours(-3));
            return new ZonedInstant(DateTime.SpecifyKind(wall - before, DateTimeKind.Utc), true);
        }
        if (zone.IsAmbiguousTime(wall))
        {
            var first = zone.GetAmbiguousTimeOffsets(wall).Max();
            return new ZonedInstant(DateTime.SpecifyKind(wall - first, DateTimeKind.Utc), false);
        }
        return new ZonedInstant(DateTime.SpecifyKind(wall - zone.GetUtcOffset(wall), DateTimeKind.Utc), false);
    }

    /// <summary>
    /// A period entered as local dates and times, converted boundary by boundary: each end keeps its own wall-clock
    /// time, so 22:00 before a DST change and 22:00 after it are both 22:00 local (the stored length differs by the shift).
    /// </summary>
    public static (ZonedInstant Start, ZonedInstant End) PeriodToUtc(DateTime localStart, DateTime localEnd, TimeZoneInfo zone) =>
        (ToUtc(localStart, zone), ToUtc(localEnd, zone));

    /// <summary>The zone's calendar date at the instant <paramref name="utc"/>: "today" on that zone's clock.</summary>
    public static DateOnly Today(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(utc, zone));

    /// <summary>
    /// The UTC instants the zone's day around <paramref name="utc"/> begins and ends at, end exclusive. A day across a
    /// DST change is 23 or 25 hours long; a midnight the clock skips begins the day at the first minute that exists.
    /// </summary>
    public static (DateTime Start, DateTime End) DayAround(DateTime utc, TimeZoneInfo zone)
    {
        var day = Today(utc, zone);
        return (ToUtc(day.ToDateTime(TimeOnly.MinValue), zone).Utc, ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).Utc);
    }

    /// <summary>A short name for the zone: its city and current offset ("Kyiv (UTC+2)"), or "UTC".</summary>
    public static string ShortName(TimeZoneInfo zone, DateTime utcNow)
    {
        if (zone.Id is "UTC" or "Etc/UTC" || zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));
        var city = zone.Id.Split('/')[^1].Replace('_', ' ');
        var sign = offset < TimeSpan.Zero ? "−" : "+";
        var abs = offset.Duration();
        var hours = abs.Minutes == 0 ? $"{(int)abs.TotalHours}" : $"{(int)abs.TotalHours}:{abs.Minutes:00}";
        return offset == TimeSpan.Zero ? $"{city} (UTC)" : $"{city} (UTC{sign}{hours})";
    }
}
