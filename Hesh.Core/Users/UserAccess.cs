namespace Hesh.Core.Users;

/// <summary>The signed-in person, as read from the store at the time of the call.</summary>
public sealed record Actor(string Id, Guid CompanyId, bool IsAdmin, bool IsOwner, UserStatus Status)
{
    public static Actor Of(HeshUser user) => new(user.Id, user.CompanyId, user.IsAdmin, user.IsOwner, user.Status);
}

/// <summary>
/// Who may do what on the user pages (PRODUCT §1). Until the permission catalogue lands, admins are the only
/// managers; everybody may see and secure their own profile. Every rule assumes the caller already scoped the
/// target to the actor's company; a user of another company is "not found", never "forbidden".
/// </summary>
public static class UserAccess
{
    public static bool CanListUsers(Actor actor) => IsActive(actor) && actor.IsAdmin;

    public static bool CanView(Actor actor, HeshUser target) =>
        IsActive(actor) && SameCompany(actor, target) && (actor.IsAdmin || actor.Id == target.Id);

    public static bool CanManage(Actor actor, HeshUser target) =>
        IsActive(actor) && SameCompany(actor, target) && actor.IsAdmin;

    /// <summary>Name, phone, external id and photo: an admin, or the user on their own profile.</summary>
    public static bool CanEditProfile(Actor actor, HeshUser target) =>
        CanManage(actor, target) || (IsActive(actor) && actor.Id == target.Id);

    public static bool CanInvite(Actor actor) => IsActive(actor) && actor.IsAdmin;

    public static string? CheckStatusAction(Actor actor, HeshUser target, StatusAction action)
    {
        if (!CanManage(actor, target))
        {
            return "Only an administrator can change a user's status.";
        }
        if (!UserStatusRules.Allows(target.Status, action))
        {
            return $"A {target.Status.ToString().ToLowerInvariant()} user cannot be changed with \"{UserStatusRules.Describe(action)}\".";
        }
        if (action == StatusAction.Inactivate && target.Id == actor.Id)
        {
            return "You cannot inactivate your own account.";
        }
        if (action == StatusAction.Inactivate && target.IsOwner)
        {
            return "The company owner cannot be inactivated. Transfer ownership first.";
        }
        return null;
    }

    /// <summary>Setting someone else's password: admins only, and not for an inactive account.</summary>
    public static string? CheckSetPassword(Actor actor, HeshUser target)
    {
        if (!CanManage(actor, target))
        {
            return "Only an administrator can set another user's password.";
        }
        return target.Status == UserStatus.Inactive ? "Activate this user before setting a password." : null;
    }

    private static bool IsActive(Actor actor) => actor.Status == UserStatus.Active;

    private static bool SameCompany(Actor actor, HeshUser target) => actor.CompanyId == target.CompanyId;
}
