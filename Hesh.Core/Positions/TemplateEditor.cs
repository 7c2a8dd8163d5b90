using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Core.Positions;

/// <summary>
/// What the author of a position template may put in it, as the same sheet the Permissions tab shows: always-on
/// permissions locked on, and — for a non-admin — nothing they do not hold themselves (<see cref="GrantRules.BeyondOwnGrants(Actor, Platform, IEnumerable{PermissionKey}, TaskScope)"/>).
/// Handed to the template dialog with the chart, so the dialog asks and never decides; saving checks again.
/// </summary>
public sealed class TemplateEditor(Actor author)
{
    public PlatformSheet Sheet(Platform platform, AccessPair draft)
    {
        var access = draft.For(platform).WithAlwaysOn(platform);
        var toggles = PermissionCatalog.All.Select(p => new PermissionToggle(p, access.Has(p.Key), LockOf(platform, p, access.Has(p.Key)))).ToList();
        var allowed = Enum.GetValues<TaskScope>().Where(s => !GrantRules.BeyondOwnGrants(author, platform, [], s)).ToList();
        var scopeLock = allowed.Count <= 1 ? Refusal.BeyondOwnGrants : null;
        return new PlatformSheet(platform, toggles, access.TaskScope, scopeLock, allowed);
    }

    /// <summary>Switching off is always allowed; switching on, only within the author's own grants.</summary>
    private Refusal? LockOf(Platform platform, Permission permission, bool on) =>
        permission.IsAlwaysOn(platform) ? Refusal.AlwaysOn
        : !on && GrantRules.BeyondOwnGrants(author, platform, AccessSet.Empty.With(permission.Key, true).Keys, TaskScope.NoAccess) ? Refusal.BeyondOwnGrants
        : null;
}
