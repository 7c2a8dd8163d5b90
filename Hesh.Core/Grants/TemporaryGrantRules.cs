using Hesh.Core.Permissions;
using Hesh.Core.Preferences;

namespace Hesh.Core.Grants;

/// <summary>The quick ends the "Grant until…" menu offers; <see cref="Custom"/> takes a date and time.</summary>
public enum EndPreset
{
    OneHour,
    EightHours,
    EndOfToday,
    OneWeek,
    Custom,
}

/// <summary>
/// When a temporary grant may end (PRODUCT §7). Pure: the clock's reading comes in, a verdict goes out. Times are
/// UTC instants; "end of today" is the end of the granter's day, on the clock the menu names (issue 16).
/// </summary>
public static class TemporaryGrantRules
{
    public static readonly TimeSpan MinimumAhead = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumAhead = TimeSpan.FromDays(365);

    public static Refusal EndInThePast => new(nameof(EndInThePast), Messages.Say("The end must be at least 1 minute from now."));
    public static Refusal EndTooFar => new(nameof(EndTooFar), Messages.Say("Temporary access can last at most 1 year; grant it permanently instead."));
    public static Refusal NotTemporary => new(nameof(NotTemporary), Messages.Say("This permission is not held temporarily."));
    public static Refusal AlreadyHeld => new(nameof(AlreadyHeld), Messages.Say("The user already holds this permanently; switch it off first to grant it for a while."));
    public static Refusal NothingToGrant => new(nameof(NothingToGrant), Messages.Say("Choose a task edit level above No access to grant it for a while."));

    /// <summary>Null when <paramref name="endsAt"/> is an acceptable end at <paramref name="now"/>; else why not.</summary>
    public static Refusal? CheckEnd(DateTime now, DateTime endsAt) =>
        endsAt < now + MinimumAhead ? EndInThePast
        : endsAt > now + MaximumAhead ? EndTooFar
        : null;

    /// <summary>
    /// The end a preset means at <paramref name="now"/> for someone whose day is <paramref name="zone"/>'s;
    /// <paramref name="custom"/> for <see cref="EndPreset.Custom"/>.
    /// </summary>
    public static DateTime EndOf(EndPreset preset, DateTime now, TimeZoneInfo zone, DateTime? custom = null) => preset switch
    {
        EndPreset.OneHour => now.AddHours(1),
        EndPreset.EightHours => now.AddHours(8),
        // The last minute of the day: "until 23:59" reads as today, where midnight would read as tomorrow.
        EndPreset.EndOfToday => ZonedTime.ToUtc(ZonedTime.ToLocal(now, zone).Date.AddDays(1).AddMinutes(-1), zone).Utc,
        EndPreset.OneWeek => now.AddDays(7),
        _ => custom ?? now,
    };

    public static string Title(this EndPreset preset) => preset switch
    {
        EndPreset.OneHour => Messages.Say("1 hour"),
        EndPreset.EightHours => Messages.Say("8 hours"),
        EndPreset.EndOfToday => Messages.Say("End of today (23:59)"),
        EndPreset.OneWeek => Messages.Say("1 week"),
        _ => Messages.Say("Date and time…"),
    };

    /// <summary>"2 h 14 min", "45 min", "3 d 4 h", Messages.Say("less than a minute"): how long a grant has left.</summary>
    public static string Remaining(DateTime now, DateTime endsAt)
    {
        // Whole minutes rounded up: "8 h 0 min" just after granting 8 hours, "1 min" in the last minute before "less than".
        var left = TimeSpan.FromMinutes(Math.Ceiling((endsAt - now).TotalMinutes));
        return endsAt - now < TimeSpan.FromMinutes(1) ? Messages.Say("less than a minute")
            : left < TimeSpan.FromHours(1) ? Messages.Say("{0} min", (int)left.TotalMinutes)
            : left < TimeSpan.FromDays(1) ? Messages.Say("{0} h {1} min", (int)left.TotalHours, left.Minutes)
            : Messages.Say("{0} d {1} h", (int)left.TotalDays, left.Hours);
    }

    /// <summary>"18:00" today, "3 Dec 18:00" on another day, "3 Dec 2027 18:00" in another year: both times on one clock, the reader's.</summary>
    public static string When(DateTime now, DateTime endsAt) =>
        endsAt.Date == now.Date ? endsAt.ToString("HH:mm", System.Globalization.CultureInfo.CurrentCulture)
        : endsAt.Year == now.Year ? endsAt.ToString("d MMM HH:mm", System.Globalization.CultureInfo.CurrentCulture)
        : endsAt.ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.CurrentCulture);
}
