using Hesh.Core.Users;

namespace Hesh.Core.Permissions;

/// <summary>A refused change, named for the rule it breaks; the message is what the UI shows.</summary>
public sealed record Refusal(string Code, string Message)
{
    public static Refusal AlwaysOn => new(nameof(AlwaysOn), Messages.Say("Everyone has this permission; it cannot be switched off."));
    public static Refusal AdminHasEverything => new(nameof(AdminHasEverything), Messages.Say("Administrators have every permission."));
    public static Refusal NotAllowed => new(nameof(NotAllowed), Messages.Say("You may not change permissions. Ask an administrator."));
    public static Refusal OnlyAdminEditsAdmin => new(nameof(OnlyAdminEditsAdmin), Messages.Say("Only an administrator can change an administrator's permissions."));
    public static Refusal NoSelfEdit => new(nameof(NoSelfEdit), Messages.Say("You cannot change your own permissions."));
    public static Refusal BeyondOwnGrants => new(nameof(BeyondOwnGrants), Messages.Say("You cannot grant a permission you do not hold yourself."));
    public static Refusal OnlyAdminMakesAdmin => new(nameof(OnlyAdminMakesAdmin), Messages.Say("Only an administrator can make or unmake administrators."));
    public static Refusal NoSelfDemotion => new(nameof(NoSelfDemotion), Messages.Say("You cannot remove your own administrator rights."));
    public static Refusal OwnerStaysAdmin => new(nameof(OwnerStaysAdmin), Messages.Say("The company owner is always an administrator."));
    public static Refusal OnlyOwnerTransfers => new(nameof(OnlyOwnerTransfers), Messages.Say("Only the company owner can transfer ownership."));
    public static Refusal TransferToActiveOther => new(nameof(TransferToActiveOther), Messages.Say("Ownership can go only to another active user of the company."));
    public static Refusal OutOfScope => new(nameof(OutOfScope), Messages.Say("This user is outside the departments your \"Users permissions\" reach."));
    public static Refusal IntoOwnScope => new(nameof(IntoOwnScope), Messages.Say("You cannot move a user into the departments you manage: only an administrator can."));
    public static Refusal Stale => new(nameof(Stale), Messages.Say("Someone else changed these permissions a moment ago. The latest ones are shown now; try again."));
}

/// <summary>
/// Who may change which grant (PRODUCT §1, §3). Pure: inputs in, verdict out, so every rule is one plain test.
/// <paramref name="actor"/> carries the actor's effective access as read from the store at the time of the call.
/// </summary>
public static class GrantRules
{
    public static Refusal? CheckToggle(Actor actor, Member target, Platform platform, PermissionKey key, bool on)
    {
        var permission = PermissionCatalog.Get(key);
        if (!on && permission.IsAlwaysOn(platform))
        {
            return Refusal.AlwaysOn;
        }
        return CheckEditor(actor, target)
            ?? (on && BeyondOwnGrants(actor, platform, Implied(key), TaskScope.NoAccess, UsersScopeGivenBy(actor, platform)) ? Refusal.BeyondOwnGrants : null);
    }

    /// <summary>Setting the scope of someone's "Users permissions" (which switches it on): never wider than one's own.</summary>
    public static Refusal? CheckUsersScope(Actor actor, Member target, Platform platform, UserScope scope) =>
        CheckEditor(actor, target) ?? (BeyondOwnGrants(actor, platform, [PermissionKey.UsersPermissions], TaskScope.NoAccess, scope) ? Refusal.BeyondOwnGrants : null);

    /// <summary>
    /// The scope a switch of "Users permissions" gives: a holder with a department scope passes on their own scope, not
    /// All users, so switching it on is never an escalation. Admins give All users.
    /// </summary>
    public static UserScope UsersScopeGivenBy(Actor actor, Platform platform) =>
        actor.IsAdmin ? UserScope.AllUsers : actor.Access(platform).EffectiveUsersScope;

    /// <summary>
    /// <paramref name="after"/> as a switch or a bulk grant by <paramref name="actor"/> leaves it: "Users permissions" newly
    /// switched on carries no wider scope than <see cref="UsersScopeGivenBy"/>.
    /// </summary>
    public static AccessSet AsGivenBy(Actor actor, Platform platform, AccessSet before, AccessSet after)
    {
        var given = UsersScopeGivenBy(actor, platform);
        return after.Has(PermissionKey.UsersPermissions) && !before.Has(PermissionKey.UsersPermissions) && after.UsersScope > given
            ? after.WithUsersScope(given) : after;
    }

    /// <summary>
    /// Placing a user in a department (the Position tab): a holder with a department scope may not bring someone from
    /// outside their reach into it — that would widen their reach without an administrator.
    /// </summary>
    public static Refusal? CheckPlacement(Actor actor, Guid? fromDepartment, Guid? toDepartment)
    {
        var reach = actor.UsersReach;
        return !actor.IsAdmin && actor.Has(PermissionKey.UsersPermissions) && !reach.IsEveryone
            && !reach.Includes(fromDepartment) && reach.Includes(toDepartment) ? Refusal.IntoOwnScope : null;
    }

    public static Refusal? CheckTaskScope(Actor actor, Member target, Platform platform, TaskScope scope) =>
        CheckEditor(actor, target) ?? (BeyondOwnGrants(actor, platform, [], scope) ? Refusal.BeyondOwnGrants : null);

    /// <summary>
    /// The one no-escalation rule: a non-admin gives only what they hold on that platform — every key (always-on ones
    /// are held by all) and a task edit level no wider than their own, which needs Tasks view as well.
    /// </summary>
    /// <param name="usersScope">The scope given with "Users permissions" when <paramref name="keys"/> hold it: no wider than one's own.</param>
    public static bool BeyondOwnGrants(Actor actor, Platform platform, IEnumerable<PermissionKey> keys, TaskScope scope,
        UserScope usersScope = UserScope.AllUsers)
    {
        if (actor.IsAdmin)
        {
            return false;
        }
        var own = actor.Access(platform);
        var list = keys as IReadOnlyCollection<PermissionKey> ?? keys.ToList();
        return list.Any(k => !PermissionCatalog.Get(k).IsAlwaysOn(platform) && !own.Has(k))
            || scope > own.TaskScope
            || scope > TaskScope.NoAccess && !own.Has(PermissionKey.TasksView)
            || list.Contains(PermissionKey.UsersPermissions) && usersScope > own.EffectiveUsersScope;
    }

    /// <summary>A whole set on both platforms (a position template, say) against the same rule.</summary>
    public static bool BeyondOwnGrants(Actor actor, AccessPair wanted) =>
        Enum.GetValues<Platform>().Any(platform => BeyondOwnGrants(actor, platform, wanted.For(platform).Keys, wanted.For(platform).TaskScope,
            wanted.For(platform).EffectiveUsersScope));

    public static Refusal? CheckAdmin(Actor actor, Member target, bool on) =>
        !actor.IsAdmin ? Refusal.OnlyAdminMakesAdmin
        : !on && target.Id == actor.Id ? Refusal.NoSelfDemotion
        : !on && target.IsOwner ? Refusal.OwnerStaysAdmin
        : null;

    public static Refusal? CheckTransfer(Actor actor, Member target) =>
        !actor.IsOwner ? Refusal.OnlyOwnerTransfers
        : target.Id == actor.Id || target.Status != UserStatus.Active ? Refusal.TransferToActiveOther
        : null;

    /// <summary>Why a toggle is locked for this actor, or null when they may flip it.</summary>
    public static Refusal? LockOf(Actor actor, Member target, Platform platform, PermissionKey key, bool currentlyOn) =>
        PermissionCatalog.Get(key).IsAlwaysOn(platform) ? Refusal.AlwaysOn : CheckToggle(actor, target, platform, key, !currentlyOn);

    /// <summary>May this actor change this user's permissions at all (whatever the change)?</summary>
    public static Refusal? CheckEditor(Actor actor, Member target) =>
        target.IsAdmin ? (actor.IsAdmin ? Refusal.AdminHasEverything : Refusal.OnlyAdminEditsAdmin)
        : !actor.IsAdmin && !actor.Has(PermissionKey.UsersPermissions) ? Refusal.NotAllowed
        : !actor.IsAdmin && target.Id == actor.Id ? Refusal.NoSelfEdit
        : !actor.UsersReach.Includes(target.DepartmentId) ? Refusal.OutOfScope
        : null;

    /// <summary>A key and everything switching it on switches on too.</summary>
    private static IEnumerable<PermissionKey> Implied(PermissionKey key) => AccessSet.Empty.With(key, true).Keys;
}
