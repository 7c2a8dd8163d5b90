using Microsoft.AspNetCore.Components;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// The pages Hesh has, read from their <c>@page</c> routes. A path from the address bar or a query string is shown
/// back only when it is one of them, with every parameter an id (all Hesh ids are GUIDs): never text an attacker
/// chose, put in a link to make Hesh's own page say it.
/// </summary>
public static class KnownRoutes
{
    private static readonly (string[] Template, Type Page)[] Routes = typeof(KnownRoutes).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>().Select(r => (r.Template.Trim('/').Split('/'), t)))
        .ToArray();

    private static readonly string[][] Templates = Routes.Select(r => r.Template).ToArray();

    /// <summary>The catalogue permission a page is guarded by (<see cref="Authorization.RequiresAttribute"/>), if any.</summary>
    public static Hesh.Core.Permissions.PermissionKey? PermissionOf(Type page) =>
        page.GetCustomAttributes(typeof(Authorization.RequiresAttribute), inherit: true).Cast<Authorization.RequiresAttribute>().FirstOrDefault()?.Key;

    /// <summary>The permission the known page at <paramref name="url"/> needs; null for an unknown page or one of no permission.</summary>
    public static Hesh.Core.Permissions.PermissionKey? PermissionFor(string? url)
    {
        if (LocalPageOf(url) is not { } path)
        {
            return null;
        }
        var segments = path.Trim('/').Split('/');
        return Routes.Where(r => Matches(r.Template, segments)).Select(r => PermissionOf(r.Page)).FirstOrDefault(k => k is not null);
    }

    /// <summary>The local path of <paramref name="url"/> (no query, no fragment) when it is a known page; otherwise null.</summary>
    public static string? LocalPageOf(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal))
        {
            return null;
        }
        var path = url.Split('?', '#')[0];
        var segments = path.Trim('/').Split('/');
        return Templates.Any(t => Matches(t, segments)) ? path : null;
    }

    private static bool Matches(string[] template, string[] segments) =>
        template.Length == segments.Length
        && template.Zip(segments).All(pair => pair.First.StartsWith('{')
            ? Guid.TryParse(pair.Second, out _)
            : string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
}
