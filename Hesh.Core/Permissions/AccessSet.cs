using System.Collections.Immutable;

namespace Hesh.Core.Permissions;

/// <summary>
/// The permissions a user holds on one platform, as stored: switched-on keys plus the task edit level.
/// Immutable; <see cref="With"/> applies the implication rules so a set is never inconsistent.
/// <see cref="UsersScope"/> is the reach of "Users permissions": All users unless narrowed, and All users whenever the
/// permission is off, so a set without it compares equal however it was made.
/// </summary>
public sealed record AccessSet(ImmutableSortedSet<PermissionKey> Keys, TaskScope TaskScope, UserScope UsersScope = UserScope.AllUsers)
{
    public static AccessSet Empty { get; } = new([], TaskScope.NoAccess);

    public static AccessSet Defaults(Platform platform) => new(
        PermissionCatalog.All.Where(p => p.DefaultOn.HasFlag(platform.AsFlag())).Select(p => p.Key).ToImmutableSortedSet(),
        TaskScope.NoAccess);

    public bool Has(PermissionKey key) => key == PermissionKey.TaskEditLevel ? TaskScope > TaskScope.NoAccess : Keys.Contains(key);

    /// <summary>Switching on implies the parent (edit → view); switching off takes the children along (view → edit, level).</summary>
    public AccessSet With(PermissionKey key, bool on)
    {
        var permission = PermissionCatalog.Get(key);
        if (permission.IsLevel)
        {
            return on ? WithScope(TaskScope == TaskScope.NoAccess ? TaskScope.Department : TaskScope) : WithScope(TaskScope.NoAccess);
        }
        if (!on && key == PermissionKey.UsersPermissions)
        {
            return this with { UsersScope = UserScope.AllUsers, Keys = Keys.Remove(key) };
        }
        if (on)
        {
            var keys = Keys.Add(key);
            var set = this with { Keys = keys };
            return permission.Parent is { } parent ? set.With(parent, true) : set;
        }
        var result = this with { Keys = Keys.Remove(key) };
        foreach (var child in PermissionCatalog.ChildrenOf(key))
        {
            result = result.With(child.Key, false);
        }
        return result;
    }

    /// <summary>A task edit level above No access implies Tasks view.</summary>
    public AccessSet WithScope(TaskScope scope)
    {
        var set = this with { TaskScope = scope };
        return scope > TaskScope.NoAccess ? set.With(PermissionKey.TasksView, true) : set;
    }

    /// <summary>A scope of "Users permissions" implies the permission itself.</summary>
    public AccessSet WithUsersScope(UserScope scope) => this with { Keys = Keys.Add(PermissionKey.UsersPermissions), UsersScope = scope };

    /// <summary>Always-on permissions are held whatever is stored.</summary>
    public AccessSet WithAlwaysOn(Platform platform) => this with
    {
        Keys = Keys.Union(PermissionCatalog.All.Where(p => p.IsAlwaysOn(platform)).Select(p => p.Key)),
    };

    public static AccessSet Everything { get; } = new(
        PermissionCatalog.All.Where(p => !p.IsLevel).Select(p => p.Key).ToImmutableSortedSet(), TaskScope.AllDepartments);

    /// <summary>
    /// Compact storage form, e.g. "ProductsEdit,ProductsView|AllDepartments"; a narrowed users scope adds a third part
    /// ("…|NoAccess|Department"), so every string stored before scopes existed reads and writes back the same.
    /// </summary>
    public string Serialize() => UsersScope == UserScope.AllUsers || !Keys.Contains(PermissionKey.UsersPermissions)
        ? $"{string.Join(',', Keys)}|{TaskScope}"
        : $"{string.Join(',', Keys)}|{TaskScope}|{UsersScope}";

    public static AccessSet Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }
        var parts = text.Split('|');
        var keys = parts[0].Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(k => Enum.TryParse<PermissionKey>(k, out var key) ? (PermissionKey?)key : null)
            .OfType<PermissionKey>()
            .ToImmutableSortedSet();
        var scope = parts.Length > 1 && Enum.TryParse<TaskScope>(parts[1], out var s) ? s : TaskScope.NoAccess;
        // An unknown or numeric third part counts as the default: a stored string never narrows or widens by accident.
        var users = parts.Length > 2 && keys.Contains(PermissionKey.UsersPermissions) && Enum.TryParse<UserScope>(parts[2], out var u)
            && Enum.IsDefined(u) && !int.TryParse(parts[2], out _) ? u : UserScope.AllUsers;
        return new AccessSet(keys, scope, users);
    }

    /// <summary>The users scope as it counts: All users for anyone without "Users permissions".</summary>
    public UserScope EffectiveUsersScope => Keys.Contains(PermissionKey.UsersPermissions) ? UsersScope : UserScope.AllUsers;

    public bool Equals(AccessSet? other) => other is not null && TaskScope == other.TaskScope && EffectiveUsersScope == other.EffectiveUsersScope
        && Keys.SetEquals(other.Keys);

    public override int GetHashCode() => HashCode.Combine(TaskScope, EffectiveUsersScope, string.Join(',', Keys));

    /// <summary>Human-readable, for the audit log.</summary>
    public string Describe() =>
        string.Join(", ", Keys.Where(k => k != PermissionKey.TaskEditLevel)
            .Select(k => k == PermissionKey.UsersPermissions && UsersScope != UserScope.AllUsers
                ? $"{PermissionCatalog.Get(k).Title}: {UsersScope.Title()}" : PermissionCatalog.Get(k).Title)
            .Append($"Task edit level: {TaskScope.Title()}"));
}
