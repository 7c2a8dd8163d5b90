namespace Hesh.Core.Preferences;

/// <summary>IANA time zones; an unknown or malformed id falls back to UTC rather than failing a page.</summary>
public static class TimeZones
{
    public const string Utc = "UTC";
    public const int IdMaxLength = 64;

    /// <summary>The zone <paramref name="id"/> names, or null when it is no IANA zone known here.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > IdMaxLength)
        {
            return null;
        }
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return zone.HasIanaId ? zone : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>The person's zone, else the company's, else UTC.</summary>
    public static TimeZoneInfo Resolve(string? personal, string? company) => Find(personal) ?? Find(company) ?? TimeZoneInfo.Utc;

    /// <summary>The zone's IANA id ("Europe/Kyiv"), or "UTC": what a column header over dates of any season names.</summary>
    public static string IdOf(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? Utc : zone.Id;

    /// <summary>Every IANA zone this machine knows, for the pickers.</summary>
    public static IReadOnlyList<string> All { get; } =
        TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Append(Utc).Distinct().Order(StringComparer.Ordinal).ToList();
}
