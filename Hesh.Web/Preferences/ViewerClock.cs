using System.Globalization;
using System.Security.Claims;
using Hesh.Core.Preferences;
using Microsoft.AspNetCore.Components.Authorization;

namespace Hesh.Web.Preferences;

/// <summary>
/// The signed-in viewer's wall clock: their own zone, else their company's, else UTC. Scoped, so one per circuit
/// (or per request when prerendering); the zones are read once, with one small query, the first time a component
/// awaits <see cref="LoadAsync"/> in its OnInitializedAsync. Until then — and for anyone signed out — it is UTC,
/// so a time is never shown with a wrong zone name, at worst as UTC with "UTC" next to it.
/// </summary>
public sealed class ViewerClock(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, IHttpContextAccessor http, TimeProvider time, ILogger<ViewerClock> logger)
{
    private Task? _loading;

    /// <summary>The zone times are shown in.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>The viewer's company's zone: the one day-offs and other company-wide times are entered in.</summary>
    public TimeZoneInfo CompanyZone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Short, for next to a time: "Kyiv (UTC+2)" or "UTC".</summary>
    public string ZoneName => ZonedTime.ShortName(Zone, time.GetUtcNow().UtcDateTime);

    /// <summary>The viewer zone's IANA id ("Europe/Kyiv") or "UTC": for column headers over dates of any season, where an offset would be wrong half the year.</summary>
    public string ZoneId => TimeZones.IdOf(Zone);

    /// <summary>The IANA id of the company's zone, for labels of entry fields ("From (time, Europe/Kyiv)").</summary>
    public string CompanyZoneId => TimeZones.IdOf(CompanyZone);

    /// <summary>The company's calendar date now: the last day analytics can show, the first a day-off is usually entered for.</summary>
    public DateOnly CompanyToday => ZonedTime.Today(time.GetUtcNow().UtcDateTime, CompanyZone);

    public Task LoadAsync() => _loading ??= LoadCoreAsync();

    public DateTime Local(DateTime utc) => ZonedTime.ToLocal(utc, Zone);

    public string Format(DateTime utc, string format = "yyyy-MM-dd HH:mm") => Local(utc).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The time and, after it, the zone: "2027-01-04 22:00 Kyiv (UTC+2)".</summary>
    public string Named(DateTime utc, string format = "yyyy-MM-dd HH:mm") => $"{Format(utc, format)} {ZoneName}";

    /// <summary>A wall-clock time in the company's zone, as the UTC instant to store.</summary>
    public ZonedInstant FromCompanyWallClock(DateTime local) => ZonedTime.ToUtc(local, CompanyZone);

    /// <summary>For tests and previews: show times in <paramref name="zone"/> without a database.</summary>
    public void Use(TimeZoneInfo zone, TimeZoneInfo? company = null)
    {
        Zone = zone;
        CompanyZone = company ?? zone;
        _loading = Task.CompletedTask;
    }

    private async Task LoadCoreAsync()
    {
        try
        {
            var state = await authentication.GetAuthenticationStateAsync();
            var userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (string.IsNullOrEmpty(userId))
            {
                return;
            }
            // Prerendering, the request has already read the preferences (culture, theme): reuse that answer.
            var zones = RequestPreferences.Known(http.HttpContext) is { } known ? await known : null;
            if (zones is null)
            {
                await using var scope = scopes.CreateAsyncScope();
                zones = await scope.ServiceProvider.GetRequiredService<ViewerPreferenceQuery>().ForAsync(userId);
            }
            if (zones is null)
            {
                return;
            }
            (Zone, CompanyZone) = ViewerZones.Of(zones);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A clock that cannot load must not take a page down: times stay in UTC, named as such.
            logger.LogWarning(e, "Viewer time zone could not be loaded; showing UTC");
        }
    }
}
