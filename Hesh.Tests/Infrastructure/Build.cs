using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Tests.Infrastructure;

/// <summary>Actors and members for the pure rule tests, with effective access computed as the store would.</summary>
public static class Build
{
    public static readonly Guid CompanyA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    public static readonly Guid CompanyB = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    public static Actor Admin(string id = "admin", Guid? company = null, UserStatus status = UserStatus.Active, bool owner = false) =>
        new(id, company ?? CompanyA, true, owner, status, AccessSet.Everything, AccessSet.Everything, id);

    public static Actor User(string id = "member", params PermissionKey[] web) => UserWith(id, Grant(Platform.Web, web), AccessSet.Defaults(Platform.Mobile));

    public static Actor UserWith(string id, AccessSet web, AccessSet mobile, UserStatus status = UserStatus.Active) =>
        new(id, CompanyA, false, false, status, web.WithAlwaysOn(Platform.Web), mobile.WithAlwaysOn(Platform.Mobile), id);

    public static AccessSet Grant(Platform platform, params PermissionKey[] keys) =>
        keys.Aggregate(AccessSet.Defaults(platform), (set, key) => set.With(key, true));

    public static Member Member(string id = "target", bool admin = false, bool owner = false, UserStatus status = UserStatus.Active) =>
        new(id, admin || owner, owner, status);
}
