using Hesh.Core.Data;

namespace Hesh.Core.Preferences;

/// <summary>Everything a page needs of a signed-in person's preferences before it renders: language, zones and theme.</summary>
public sealed record ViewerPreferences(string? Language, string? CompanyLanguage, string? TimeZone, string? CompanyTimeZone, Theme Theme);

/// <summary>
/// A reader's two clocks: their own zone, that times are shown in (theirs, else the company's, else UTC), and their
/// company's, whose days are the days that count (analytics, "today" on the Overview).
/// </summary>
public sealed record ViewerZones(TimeZoneInfo Zone, TimeZoneInfo Company)
{
    public static ViewerZones Utc { get; } = new(TimeZoneInfo.Utc, TimeZoneInfo.Utc);

    public static ViewerZones Of(ViewerPreferences? preferences) => preferences is null ? Utc
        : new(TimeZones.Resolve(preferences.TimeZone, preferences.CompanyTimeZone), TimeZones.Resolve(null, preferences.CompanyTimeZone));
}

/// <summary>
/// One query for the person's and their company's stored preferences. The culture provider, the first paint's theme
/// and the viewer's clock all read this one answer (per request, via the request's items), instead of one query each.
/// </summary>
public sealed class ViewerPreferenceQuery(HeshDbContext db)
{
    public Task<ViewerPreferences?> ForAsync(string userId, CancellationToken ct = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new ViewerPreferences(u.Language, u.Company!.DefaultLanguage, u.TimeZone, u.Company.TimeZone, u.Theme))
            .FirstOrDefaultAsync(ct);

    /// <summary>The person's zones, for times Core words for them (a source, an export); UTC for someone unknown.</summary>
    public async Task<ViewerZones> ZonesAsync(string userId, CancellationToken ct = default) => ViewerZones.Of(await ForAsync(userId, ct));
}
