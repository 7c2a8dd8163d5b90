using System.Security.Claims;
using Hesh.Core.Preferences;

namespace Hesh.Web.Preferences;

/// <summary>
/// The signed-in person's preferences, read once per HTTP request and kept in its items: the culture provider asks
/// first, the theme of the first paint and the prerendered clock reuse the answer.
/// </summary>
public static class RequestPreferences
{
    private static readonly object Key = new();

    public static Task<ViewerPreferences?> GetAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var cached) && cached is Task<ViewerPreferences?> known)
        {
            return known;
        }
        var userId = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        var loading = string.IsNullOrEmpty(userId)
            ? Task.FromResult<ViewerPreferences?>(null)
            : http.RequestServices.GetRequiredService<ViewerPreferenceQuery>().ForAsync(userId, http.RequestAborted);
        http.Items[Key] = loading;
        return loading;
    }

    /// <summary>The reader's zones, for what a request writes outside a circuit (a file download): UTC for no one signed in.</summary>
    public static async Task<ViewerZones> ZonesAsync(HttpContext http) => ViewerZones.Of(await GetAsync(http));

    /// <summary>The answer this request already has, if it has one; never starts a query.</summary>
    public static Task<ViewerPreferences?>? Known(HttpContext? http) =>
        http is not null && http.Items.TryGetValue(Key, out var cached) ? cached as Task<ViewerPreferences?> : null;

    /// <summary>The value of &lt;html data-theme&gt;: the head script resolves "system" against the device.</summary>
    public static string ThemeAttribute(Theme theme) => theme switch
    {
        Theme.Light => "light",
        Theme.Dark => "dark",
        _ => "system",
    };
}
