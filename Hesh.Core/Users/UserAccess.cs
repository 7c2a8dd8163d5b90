using Hesh.Core.Permissions;

namespace Hesh.Core.Users;

/// <summary>
/// Who may do what on the user pages (PRODUCT §1). Admins manage status, passwords and details; holders of
/// "Users permissions" see the users to set up their permissions; everybody may see and secure their own profile. Every rule assumes the caller already scoped the
/// target to the actor's company; a user of another company is "not found", never "forbidden".
/// </summary>
public static class UserAccess
{
    /// <summary>Admins, and holders of "Users permissions" (they set up other users' permissions).</summary>
    public static bool CanListUsers(Actor actor) => IsActive(actor) && (actor.IsAdmin || actor.Has(PermissionKey.UsersPermissions));

    /// <summary>
    /// One's own profile, or — for those who may list users — anyone within the reach of their "Users permissions" scope
    /// (everyone for admins and All users). Outside it a user is "not found", like a user of another company.
    /// </summary>
    public static bool CanView(Actor actor, HeshUser target) =>
        IsActive(actor) && SameCompany(actor, target) && (actor.Id == target.Id || CanListUsers(actor) && InReach(actor, target.DepartmentId));

    /// <summary>Whether a user placed in <paramref name="departmentId"/> is within the actor's users scope.</summary>
    public static bool InReach(Actor actor, Guid? departmentId) => actor.UsersReach.Includes(departmentId);

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
            return Messages.Say("Only an administrator can change a user's status.");
        }
        if (!UserStatusRules.Allows(target.Status, action))
        {
            return target.Status switch
            {
                UserStatus.Pending => Messages.Say("A pending user cannot be changed with \"{0}\".", UserStatusRules.Describe(action)),
                UserStatus.Active => Messages.Say("A active user cannot be changed with \"{0}\".", UserStatusRules.Describe(action)),
                _ => Messages.Say("A inactive user cannot be changed with \"{0}\".", UserStatusRules.Describe(action)),
            };
        }
        if (action == StatusAction.Inactivate && target.Id == actor.Id)
        {
            return Messages.Say("You cannot inactivate your own account.");
        }
        if (action == StatusAction.Inactivate && target.IsOwner)
        {
            return Messages.Say("The company owner cannot be inactivated. Transfer ownership first.");
        }
        return null;
    }

    /// <summary>
    /// Setting someone else's password: admins only, not for an inactive account, and never the owner's — an admin
    /// who could set it could sign in as the owner and take the company.
    /// </summary>
    public static string? CheckSetPassword(Actor actor, HeshUser target)
    {
        if (!CanManage(actor, target))
        {
            return Messages.Say("Only an administrator can set another user's password.");
        }
        if (target.IsOwner)
        {
            return Messages.Say("The company owner's password can be changed only by the owner. Send them a reset link instead.");
        }
        return target.Status == UserStatus.Inactive ? Messages.Say("Activate this user before setting a password.") : null;
    }

    /// <summary>Sessions: everyone sees their own, admins everyone's.</summary>
    public static bool CanSeeSessions(Actor actor, HeshUser target) =>
        CanManage(actor, target) || (IsActive(actor) && actor.Id == target.Id);

    /// <summary>Ending sessions: one's own, or an admin for others — except the owner's, which are the owner's alone.</summary>
    public static string? CheckEndSessions(Actor actor, HeshUser target)
    {
        if (IsActive(actor) && actor.Id == target.Id)
        {
            return null;
        }
        if (!CanManage(actor, target))
        {
            return Messages.Say("Only an administrator can sign out another user.");
        }
        return target.IsOwner ? Messages.Say("Only the company owner can sign out the owner's sessions.") : null;
    }

    /// <summary>Requiring a new password: as for setting one (admins, never the owner's), and not one's own.</summary>
    public static string? CheckRequirePasswordChange(Actor actor, HeshUser target) =>
        actor.Id == target.Id ? Messages.Say("Change your own password on this tab instead.") : CheckSetPassword(actor, target);

    /// <summary>
    /// An admin's "Reset two-factor" for someone locked out of their second factor: never one's own (that is done with
    /// one's own password and factors on one's Security tab) and never the owner's — whoever could reset it could take
    /// over the owner's account with a password alone.
    /// </summary>
    public static string? CheckResetTwoFactor(Actor actor, HeshUser target)
    {
        if (IsActive(actor) && actor.Id == target.Id)
        {
            return Messages.Say("Manage your own two-factor sign-in with the buttons above.");
        }
        if (!CanManage(actor, target))
        {
            return Messages.Say("Only an administrator can reset another user's two-factor sign-in.");
        }
        return target.IsOwner ? Messages.Say("Only the company owner can reset the owner's two-factor sign-in.") : null;
    }

    /// <summary>Everything the actor may do with <paramref name="target"/> now, for the pages to show only that.</summary>
    public static UserActions ActionsOn(Actor actor, HeshUser target, bool gaveOwnershipBack = false)
    {
        if (!CanView(actor, target))
        {
            return UserActions.None;
        }
        var self = actor.Id == target.Id;
        var member = Member.Of(target);
        return new UserActions
        {
            EditProfile = CanEditProfile(actor, target),
            StatusActions = UserStatusRules.ActionsFor(target.Status).Where(a => CheckStatusAction(actor, target, a) is null).ToList(),
            SeeSecurity = CanSeeSessions(actor, target),
            SetPassword = !self && CheckSetPassword(actor, target) is null,
            SendResetLink = !self && CanManage(actor, target) && target.Status == UserStatus.Active,
            RequirePasswordChange = CheckRequirePasswordChange(actor, target) is null,
            ChangeOwnPassword = self && IsActive(actor),
            EndSessions = CheckEndSessions(actor, target) is null,
            ResetTwoFactor = CheckResetTwoFactor(actor, target) is null,
            ManageDayOffs = CanManage(actor, target),
            ToggleAdmin = GrantRules.CheckAdmin(actor, member, !target.IsAdmin) is null,
            TransferOwnership = GrantRules.CheckTransfer(actor, member) is null,
            SeeDirectory = CanListUsers(actor),
            OfferRemoveAdmin = gaveOwnershipBack && actor.IsOwner && !self && target.IsAdmin && GrantRules.CheckAdmin(actor, member, false) is null,
        };
    }

    /// <summary>Importing creates users, so it is for those who may add them; exporting shows the list, so it is for those who may see it.</summary>
    public static UserDirectoryActions DirectoryActions(Actor actor) => new(CanInvite(actor), CanInvite(actor), CanListUsers(actor));

    private static bool IsActive(Actor actor) => actor.Status == UserStatus.Active;

    private static bool SameCompany(Actor actor, HeshUser target) => actor.CompanyId == target.CompanyId;
}
