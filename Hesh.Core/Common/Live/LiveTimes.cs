using System.Globalization;
using Hesh.Core.Common.Localization;
using Hesh.Core.Preferences;

namespace Hesh.Core.Common;

/// <summary>
/// A time inside a live notice. The English sentence (logs, the mobile contract) carries it in UTC, in one of these
/// shapes; <see cref="LiveWords"/> finds it among the values again and shows it on the reader's own clock.
/// </summary>
public static class LiveTimes
{
    /// <summary>"18:00 UTC on 2 Dec 2026": the end of temporary access.</summary>
    public const string Stamp = "HH:mm 'UTC on' d MMM yyyy";

    /// <summary>"2026-12-02 18:00 UTC": the end of an approved request, as its audit entry has it.</summary>
    public const string Dated = "yyyy-MM-dd HH:mm 'UTC'";

    private static readonly string[] Shapes = [Stamp, Dated];

    /// <summary>The instant as the English sentence has it.</summary>
    public static string Write(DateTime utc, string shape = Stamp) => utc.ToString(shape, CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="value"/> is a time written by <see cref="Write"/>, and which instant.</summary>
    public static bool TryRead(string value, out DateTime utc) =>
        DateTime.TryParseExact(value, Shapes, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc);

    /// <summary>
    /// The instant on the reader's clock, in their language, named with the zone's offset at that instant (not today's,
    /// which a change of summer time would make wrong): "20:00 Kyiv (UTC+2) on 2 Dec 2026"; in UTC, as it was written.
    /// </summary>
    public static string Read(DateTime utc, TimeZoneInfo zone)
    {
        var local = ZonedTime.ToLocal(utc, zone);
        return Texts.Say("{0} {1} on {2}", local.ToString("HH:mm", CultureInfo.CurrentCulture), ZonedTime.ShortName(zone, utc),
            local.ToString("d MMM yyyy", CultureInfo.CurrentCulture));
    }

    private static Microsoft.Extensions.Localization.IStringLocalizer Texts => Hesh.Core.Email.FeatureTexts.Of("Live");
}
