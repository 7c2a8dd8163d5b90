using Hesh.Core.Permissions;
using RouteData = Microsoft.AspNetCore.Components.RouteData;

namespace Hesh.Web.Live;

/// <summary>
/// For pages guarded by a policy rather than by <see cref="Authorization.RequiresAttribute"/>: the permission a
/// non-admin loses the page with, so the live layer can warn an admin before a change closes it.
/// <see cref="ExceptOwn"/> names the route value holding a user id for pages everyone may open on themselves.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ClosesWithoutAttribute(PermissionKey key) : Attribute
{
    public PermissionKey Key { get; } = key;

    public string? ExceptOwn { get; init; }

    /// <summary>The permission <paramref name="userId"/> would lose the routed page with, or null when none closes it.</summary>
    public static PermissionKey? For(RouteData route, string userId)
    {
        if (route.PageType.GetCustomAttributes(typeof(Authorization.RequiresAttribute), inherit: true)
                .Cast<Authorization.RequiresAttribute>().FirstOrDefault() is { } requires)
        {
            return requires.Key;
        }
        if (route.PageType.GetCustomAttributes(typeof(ClosesWithoutAttribute), inherit: true).Cast<ClosesWithoutAttribute>().FirstOrDefault() is not { } closes)
        {
            return null;
        }
        var own = closes.ExceptOwn is { } name && route.RouteValues.TryGetValue(name, out var value) && Equals(value?.ToString(), userId);
        return own ? null : closes.Key;
    }
}
