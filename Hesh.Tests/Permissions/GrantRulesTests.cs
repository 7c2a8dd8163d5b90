using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Permissions;

/// <summary>The rules of PRODUCT §1 and §3, one test each, most of them over the whole catalogue.</summary>
public sealed class GrantRulesTests
{
    private static IEnumerable<(Platform, Permission)> Toggles() =>
        from platform in Enum.GetValues<Platform>()
        from permission in PermissionCatalog.All
        where !permission.IsLevel
        select (platform, permission);

    public static TheoryData<Platform, PermissionKey> SwitchablePermissions()
    {
        var data = new TheoryData<Platform, PermissionKey>();
        foreach (var (platform, p) in Toggles().Where(t => !t.Item2.IsAlwaysOn(t.Item1)))
        {
            data.Add(platform, p.Key);
        }
        return data;
    }

    public static TheoryData<Platform, PermissionKey> AlwaysOnPermissions()
    {
        var data = new TheoryData<Platform, PermissionKey>();
        foreach (var (platform, p) in Toggles().Where(t => t.Item2.IsAlwaysOn(t.Item1)))
        {
            data.Add(platform, p.Key);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SwitchablePermissions))]
    public void Admin_GrantsAndRevokesAnyPermissionOfAUser(Platform platform, PermissionKey key)
    {
        Assert.Null(GrantRules.CheckToggle(Build.Admin(), Build.Member(), platform, key, true));
        Assert.Null(GrantRules.CheckToggle(Build.Admin(), Build.Member(), platform, key, false));
    }

    [Theory]
    [MemberData(nameof(AlwaysOnPermissions))]
    public void AlwaysOnPermission_CannotBeSwitchedOff_EvenByAnAdmin(Platform platform, PermissionKey key) =>
        Assert.Equal(Refusal.AlwaysOn, GrantRules.CheckToggle(Build.Admin(), Build.Member(), platform, key, false));

    [Theory]
    [MemberData(nameof(SwitchablePermissions))]
    public void AdminsPermissions_AreLocked_TheyHaveEverything(Platform platform, PermissionKey key) =>
        Assert.Equal(Refusal.AdminHasEverything, GrantRules.CheckToggle(Build.Admin(), Build.Member(admin: true), platform, key, false));

    [Theory]
    [MemberData(nameof(SwitchablePermissions))]
    public void NonAdmin_CannotChangeAnAdminsPermissions(Platform platform, PermissionKey key) =>
        Assert.Equal(Refusal.OnlyAdminEditsAdmin,
            GrantRules.CheckToggle(Build.User("holder", PermissionKey.UsersPermissions), Build.Member(admin: true), platform, key, false));

    [Theory]
    [MemberData(nameof(SwitchablePermissions))]
    public void UserWithoutUsersPermissions_ChangesNothing(Platform platform, PermissionKey key) =>
        Assert.Equal(Refusal.NotAllowed, GrantRules.CheckToggle(Build.User("plain"), Build.Member(), platform, key, true));

    [Theory]
    [MemberData(nameof(SwitchablePermissions))]
    public void HolderOfUsersPermissions_CannotGrantWhatTheyDoNotHold(Platform platform, PermissionKey key)
    {
        var holder = Build.User("holder", PermissionKey.UsersPermissions);
        var holds = holder.Access(platform).Has(key) && (PermissionCatalog.Get(key).Parent is not { } parent || holder.Access(platform).Has(parent));
        var refusal = GrantRules.CheckToggle(holder, Build.Member(), platform, key, true);
        Assert.Equal(holds ? null : Refusal.BeyondOwnGrants, refusal);
    }

    [Fact]
    public void HolderOfUsersPermissions_GrantsWhatTheyHold()
    {
        var holder = Build.User("holder", PermissionKey.UsersPermissions, PermissionKey.ProductionsEdit);
        Assert.Null(GrantRules.CheckToggle(holder, Build.Member(), Platform.Web, PermissionKey.ProductionsEdit, true));
    }

    [Fact]
    public void HolderOfUsersPermissions_CannotGrantAnEditWhoseViewTheyLack()
    {
        // Granting Tasks view's child needs Tasks view too: a grant never brings in more than the actor holds.
        var holder = Build.UserWith("holder", AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true),
            AccessSet.Defaults(Platform.Mobile));
        Assert.Equal(Refusal.BeyondOwnGrants, GrantRules.CheckToggle(holder, Build.Member(), Platform.Web, PermissionKey.ManageInQueue, true));
    }

    [Fact]
    public void HolderOfUsersPermissions_CannotEditThemself() =>
        Assert.Equal(Refusal.NoSelfEdit,
            GrantRules.CheckToggle(Build.User("holder", PermissionKey.UsersPermissions, PermissionKey.Analytics), Build.Member("holder"), Platform.Web, PermissionKey.Analytics, false));

    [Fact]
    public void HolderOfUsersPermissions_CannotRaiseTheTaskLevelAboveTheirOwn()
    {
        var holder = Build.UserWith("holder", Build.Grant(Platform.Web, PermissionKey.UsersPermissions).WithScope(TaskScope.Department), AccessSet.Defaults(Platform.Mobile));
        Assert.Null(GrantRules.CheckTaskScope(holder, Build.Member(), Platform.Web, TaskScope.Department));
        Assert.Equal(Refusal.BeyondOwnGrants, GrantRules.CheckTaskScope(holder, Build.Member(), Platform.Web, TaskScope.AllDepartments));
    }

    [Fact]
    public void OnlyAnAdmin_MakesAnAdmin() =>
        Assert.Equal(Refusal.OnlyAdminMakesAdmin, GrantRules.CheckAdmin(Build.User("holder", PermissionKey.UsersPermissions), Build.Member(), true));

    [Fact]
    public void OnlyAnAdmin_UnmakesAnAdmin() =>
        Assert.Equal(Refusal.OnlyAdminMakesAdmin, GrantRules.CheckAdmin(Build.User("holder", PermissionKey.UsersPermissions), Build.Member(admin: true), false));

    [Fact]
    public void Admin_CannotRemoveTheirOwnAdminRights() =>
        Assert.Equal(Refusal.NoSelfDemotion, GrantRules.CheckAdmin(Build.Admin("me"), Build.Member("me", admin: true), false));

    [Fact]
    public void OwnersAdminRights_CannotBeRemoved() =>
        Assert.Equal(Refusal.OwnerStaysAdmin, GrantRules.CheckAdmin(Build.Admin(), Build.Member("owner", owner: true), false));

    [Fact]
    public void Admin_MakesAndUnmakesAnotherAdmin()
    {
        Assert.Null(GrantRules.CheckAdmin(Build.Admin(), Build.Member(), true));
        Assert.Null(GrantRules.CheckAdmin(Build.Admin(), Build.Member(admin: true), false));
    }

    [Fact]
    public void OnlyTheOwner_TransfersOwnership() =>
        Assert.Equal(Refusal.OnlyOwnerTransfers, GrantRules.CheckTransfer(Build.Admin(), Build.Member()));

    [Theory]
    [InlineData(UserStatus.Pending)]
    [InlineData(UserStatus.Inactive)]
    public void Ownership_GoesOnlyToAnActiveUser(UserStatus status) =>
        Assert.Equal(Refusal.TransferToActiveOther, GrantRules.CheckTransfer(Build.Admin("owner", owner: true), Build.Member(status: status)));

    [Fact]
    public void Owner_TransfersToAnActiveUser() =>
        Assert.Null(GrantRules.CheckTransfer(Build.Admin("owner", owner: true), Build.Member()));

    [Fact]
    public void LockOf_ExplainsAlwaysOnEvenWhenTheActorIsNotAllowed() =>
        Assert.Equal(Refusal.AlwaysOn, GrantRules.LockOf(Build.User("plain"), Build.Member(), Platform.Web, PermissionKey.ProductsView, true));
}
