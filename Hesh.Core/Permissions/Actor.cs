using Hesh.Core.Users;

namespace Hesh.Core.Permissions;

/// <summary>
/// The signed-in person, as read from the store at the time of the call, with their effective access:
/// an admin holds everything, everyone holds the always-on permissions.
/// </summary>
public sealed record Actor(string Id, Guid CompanyId, bool IsAdmin, bool IsOwner, UserStatus Status, AccessSet Web, AccessSet Mobile, string Name = "", int Version = 0)
{
    public static AccessSet Effective(bool isAdmin, AccessSet stored, Platform platform) =>
        isAdmin ? AccessSet.Everything : stored.WithAlwaysOn(platform);

    public AccessSet Access(Platform platform) => platform == Platform.Web ? Web : Mobile;

    /// <summary>A web permission, for pages and actions of this console; false for anyone not Active.</summary>
    public bool Has(PermissionKey key) => Status == UserStatus.Active && Web.Has(key);
}
