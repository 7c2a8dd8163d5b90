using Hesh.Core.Users;

namespace Hesh.Core.Permissions;

/// <summary>
/// The signed-in person, as read from the store at the time of the call, with their effective access:
/// an admin holds everything, everyone holds the always-on permissions.
/// </summary>
public sealed record Actor(string Id, Guid CompanyId, bool IsAdmin, bool IsOwner, UserStatus Status, AccessSet Web, AccessSet Mobile, string Name = "", int Version = 0)
{
    /// <summary>The actor's own department, read with the actor.</summary>
    public Guid? DepartmentId { get; init; }

    /// <summary>
    /// The departments the actor's "Users permissions" scope covers, computed from the tree by the loader. Left unset
    /// (an actor built by hand), a department scope reaches the actor's own department only — never more.
    /// </summary>
    public UserReach? Reach { get; init; }

    public static AccessSet Effective(bool isAdmin, AccessSet stored, Platform platform) =>
        isAdmin ? AccessSet.Everything : stored.WithAlwaysOn(platform);

    public AccessSet Access(Platform platform) => platform == Platform.Web ? Web : Mobile;

    /// <summary>A web permission, for pages and actions of this console; false for anyone not Active.</summary>
    public bool Has(PermissionKey key) => Status == UserStatus.Active && Web.Has(key);

    /// <summary>The reach of the actor's users scope as it counts: everyone for admins and unscoped holders.</summary>
    public UserReach UsersReach => IsAdmin || Web.EffectiveUsersScope == UserScope.AllUsers ? UserReach.All
        : Reach is { Scope: var scope } reach && scope == Web.EffectiveUsersScope ? reach
        : new UserReach(Web.EffectiveUsersScope, DepartmentId is { } own ? new HashSet<Guid> { own } : new HashSet<Guid>());
}
