using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Users;

public sealed class UserAccessTests
{
    private static readonly Guid CompanyA = Build.CompanyA;
    private static readonly Guid CompanyB = Build.CompanyB;

    private static Actor Admin(Guid? company = null, UserStatus status = UserStatus.Active) => Build.Admin(company: company, status: status);
    private static Actor Member(string id = "member") => Build.User(id);
    private static HeshUser Target(string id = "target", Guid? company = null, UserStatus status = UserStatus.Active, bool owner = false) =>
        new() { Id = id, CompanyId = company ?? CompanyA, Status = status, IsOwner = owner, IsAdmin = owner };

    [Fact]
    public void Admin_ManagesUsersOfOwnCompany() => Assert.True(UserAccess.CanManage(Admin(), Target()));

    [Fact]
    public void Admin_CannotManageUsersOfAnotherCompany() => Assert.False(UserAccess.CanManage(Admin(CompanyB), Target()));

    [Fact]
    public void Admin_CannotSeeUsersOfAnotherCompany() => Assert.False(UserAccess.CanView(Admin(CompanyB), Target()));

    [Fact]
    public void NonAdmin_CannotManageOthers() => Assert.False(UserAccess.CanManage(Member(), Target()));

    [Fact]
    public void NonAdmin_CannotSeeOthers() => Assert.False(UserAccess.CanView(Member(), Target()));

    [Fact]
    public void NonAdmin_SeesAndEditsOwnProfile()
    {
        Assert.True(UserAccess.CanView(Member("me"), Target("me")));
        Assert.True(UserAccess.CanEditProfile(Member("me"), Target("me")));
    }

    [Fact]
    public void HolderOfUsersPermissions_ListsAndSeesUsers_ButCannotManageThem()
    {
        var holder = Build.User("holder", PermissionKey.UsersPermissions);
        Assert.True(UserAccess.CanListUsers(holder));
        Assert.True(UserAccess.CanView(holder, Target()));
        Assert.False(UserAccess.CanManage(holder, Target()));
    }

    [Fact]
    public void NonAdmin_CannotListOrInviteUsers()
    {
        Assert.False(UserAccess.CanListUsers(Member()));
        Assert.False(UserAccess.CanInvite(Member()));
    }

    [Fact]
    public void InactiveAdmin_CanDoNothing()
    {
        var admin = Admin(status: UserStatus.Inactive);
        Assert.False(UserAccess.CanListUsers(admin));
        Assert.False(UserAccess.CanManage(admin, Target()));
        Assert.False(UserAccess.CanInvite(admin));
    }

    [Fact]
    public void Admin_CannotInactivateThemself() =>
        Assert.NotNull(UserAccess.CheckStatusAction(Admin(), Target("admin"), StatusAction.Inactivate));

    [Fact]
    public void Owner_CannotBeInactivated() =>
        Assert.Contains("owner", UserAccess.CheckStatusAction(Admin(), Target(owner: true), StatusAction.Inactivate));

    [Fact]
    public void NonAdmin_CannotChangeStatus() =>
        Assert.NotNull(UserAccess.CheckStatusAction(Member(), Target(), StatusAction.Inactivate));

    [Fact]
    public void Admin_InactivatesActiveUser() =>
        Assert.Null(UserAccess.CheckStatusAction(Admin(), Target(), StatusAction.Inactivate));

    [Fact]
    public void StatusActionNotOfferedForTheStatus_IsRefused() =>
        Assert.NotNull(UserAccess.CheckStatusAction(Admin(), Target(status: UserStatus.Active), StatusAction.ResendInvitation));

    [Fact]
    public void Admin_CannotSetPasswordOfInactiveUser() =>
        Assert.NotNull(UserAccess.CheckSetPassword(Admin(), Target(status: UserStatus.Inactive)));

    [Fact]
    public void NonAdmin_CannotSetSomeoneElsesPassword() =>
        Assert.NotNull(UserAccess.CheckSetPassword(Member(), Target()));
}
