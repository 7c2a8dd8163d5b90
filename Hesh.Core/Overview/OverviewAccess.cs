using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Core.Overview;

/// <summary>
/// Who sees which part of the Overview: the same rules as the pages each part summarises, so the Overview never
/// tells anyone more than the page it links to would.
/// </summary>
public static class OverviewAccess
{
    /// <summary>Getting started is the owner's: setting up the company's account is theirs to finish.</summary>
    public static bool SeesChecklist(Actor actor) => IsActive(actor) && actor.IsOwner;

    /// <summary>Pending invitations, who is online and recent permission changes: whoever may list the users and read their permission history.</summary>
    public static bool SeesPeople(Actor actor) => UserAccess.CanListUsers(actor);

    /// <summary>Who is away today: those who see the users, and those who plan work on the task table.</summary>
    public static bool SeesDayOffs(Actor actor) => UserAccess.CanListUsers(actor) || actor.Has(PermissionKey.TasksView);

    public static bool SeesProductions(Actor actor) => actor.Has(PermissionKey.ProductionsView);

    /// <summary>The audit log is the administrators' (as its page says).</summary>
    public static bool OpensAuditLog(Actor actor) => MainPages.CanReadAuditLog(actor);

    /// <summary>The line under the greeting.</summary>
    public static string Role(Actor actor) =>
        actor.IsOwner ? Messages.Say("You own this company's account.") : actor.IsAdmin ? Messages.Say("You are an administrator of your company.") : Messages.Say("The menu shows what your permissions open for you.");

    private static bool IsActive(Actor actor) => actor.Status == UserStatus.Active;
}
