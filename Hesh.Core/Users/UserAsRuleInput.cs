using Hesh.Core.Permissions;

namespace Hesh.Core.Users;

/// <summary>
/// The stored user, as the pure rules in Permissions see it. The rules never take the EF entity, so they stay testable
/// without a database; these factories are the one place an entity becomes a rule input.
/// </summary>
public static class ActorOfUser
{
    extension(Actor)
    {
        public static Actor Of(HeshUser user) => new(user.Id, user.CompanyId, user.IsAdmin, user.IsOwner, user.Status,
            Actor.Effective(user.IsAdmin, user.WebAccess, Platform.Web), Actor.Effective(user.IsAdmin, user.MobileAccess, Platform.Mobile),
            user.FullName, user.AccessVersion) { DepartmentId = user.DepartmentId };
    }
}

public static class MemberOfUser
{
    extension(Member)
    {
        public static Member Of(HeshUser user) => new(user.Id, user.IsAdmin, user.IsOwner, user.Status, user.DepartmentId);
    }
}

public static class AccessPairOfUser
{
    extension(AccessPair)
    {
        public static AccessPair Of(HeshUser user) => new(user.WebAccess, user.MobileAccess);
    }
}
