using System.Collections.Immutable;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Permissions;

/// <summary>The scope of "Users permissions" (issue 15 §3): its storage, its diff, and each rule of GrantRules and UserAccess.</summary>
public sealed class UsersScopeRulesTests
{
    private static readonly Guid Assembly = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Welding = Guid.Parse("00000000-0000-0000-0000-0000000000a2");
    private static readonly Guid Paint = Guid.Parse("00000000-0000-0000-0000-0000000000b1");

    private static IEnumerable<Guid> ChildrenOf(Guid id) => id == Assembly ? [Welding] : [];

    /// <summary>A holder of "Users permissions" in Assembly with <paramref name="scope"/>, reach computed as the loader does.</summary>
    private static Actor Holder(UserScope scope, Guid? department = null, params PermissionKey[] more)
    {
        var web = Build.Grant(Platform.Web, [PermissionKey.UsersPermissions, .. more]).WithUsersScope(scope);
        var own = department ?? Assembly;
        return Build.UserWith("holder", web, AccessSet.Defaults(Platform.Mobile)) with
        {
            DepartmentId = own,
            Reach = UserReach.Of(scope, own, ChildrenOf),
        };
    }

    private static Member In(Guid? department, string id = "target", bool admin = false) => new(id, admin, false, UserStatus.Active, department);

    private static HeshUser UserIn(Guid? department, string id = "target") => new() { Id = id, CompanyId = Build.CompanyA, DepartmentId = department, Status = UserStatus.Active };

    [Fact]
    public void AStoredStringWithoutAScope_ParsesAsAllUsers_AndWritesBackUnchanged()
    {
        const string stored = "ProductsView,MyTasks,UsersPermissions|NoAccess";

        var set = AccessSet.Parse(stored);

        Assert.Equal(UserScope.AllUsers, set.UsersScope);
        Assert.Equal(stored, set.Serialize());
    }

    [Theory]
    [InlineData(UserScope.Department)]
    [InlineData(UserScope.DepartmentAndSubDepartments)]
    public void ANarrowedScope_IsAThirdPartOfTheStoredString_AndRoundTrips(UserScope scope)
    {
        var set = AccessSet.Defaults(Platform.Web).WithUsersScope(scope);

        Assert.EndsWith($"|NoAccess|{scope}", set.Serialize());
        Assert.Equal(set, AccessSet.Parse(set.Serialize()));
        Assert.Equal(scope, AccessSet.Parse(set.Serialize()).UsersScope);
    }

    [Theory]
    [InlineData("UsersPermissions|NoAccess|Nonsense")]
    [InlineData("UsersPermissions|NoAccess|1")]
    [InlineData("ProductsView|NoAccess|Department")]
    public void AnUnknownOrOrphanScope_ReadsAsTheDefault_NeverAsANarrowerOrWiderOne(string stored) =>
        Assert.Equal(UserScope.AllUsers, AccessSet.Parse(stored).EffectiveUsersScope);

    [Fact]
    public void SettingAScope_SwitchesUsersPermissionsOn()
    {
        var set = AccessSet.Defaults(Platform.Web).WithUsersScope(UserScope.Department);

        Assert.True(set.Has(PermissionKey.UsersPermissions));
        Assert.Equal(UserScope.Department, set.UsersScope);
    }

    [Fact]
    public void SwitchingUsersPermissionsOff_ResetsTheScope()
    {
        var set = AccessSet.Defaults(Platform.Web).WithUsersScope(UserScope.Department).With(PermissionKey.UsersPermissions, false);

        Assert.False(set.Has(PermissionKey.UsersPermissions));
        Assert.Equal(UserScope.AllUsers, set.UsersScope);
        Assert.Equal(AccessSet.Defaults(Platform.Web), set);
    }

    [Fact]
    public void AScopeChange_IsOneLineOfTheDiff_WithBeforeAndAfter()
    {
        var before = AccessPair.Defaults.With(Platform.Web, AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true));
        var after = before.With(Platform.Web, before.Web.WithUsersScope(UserScope.Department));

        var diff = AccessDiff.Between(before, after);

        Assert.Empty(diff.Gained);
        Assert.Equal("Users permissions (web): All users → User's department", Assert.Single(diff.Lost).Text);
        Assert.Equal("Users permissions (web): User's department → All users", Assert.Single(AccessDiff.Between(after, before).Gained).Text);
    }

    [Fact]
    public void Describe_NamesANarrowedScope()
    {
        var set = AccessSet.Defaults(Platform.Web).WithUsersScope(UserScope.DepartmentAndSubDepartments);

        Assert.Contains("Users permissions: User's department & sub-departments", set.Describe());
        Assert.DoesNotContain("All users", AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true).Describe());
    }

    [Fact]
    public void ADepartmentScope_ReachesOnlyTheHoldersOwnDepartment()
    {
        var reach = UserReach.Of(UserScope.Department, Assembly, ChildrenOf);

        Assert.True(reach.Includes(Assembly));
        Assert.False(reach.Includes(Welding));
        Assert.False(reach.Includes(Paint));
    }

    [Fact]
    public void ADepartmentAndSubDepartmentsScope_ReachesTheWholeSubtree_AndNothingBeside_It()
    {
        var reach = UserReach.Of(UserScope.DepartmentAndSubDepartments, Assembly, ChildrenOf);

        Assert.True(reach.Includes(Assembly));
        Assert.True(reach.Includes(Welding));
        Assert.False(reach.Includes(Paint));
    }

    [Theory]
    [InlineData(UserScope.Department)]
    [InlineData(UserScope.DepartmentAndSubDepartments)]
    public void AUserWithNoDepartment_IsOutsideEveryDepartmentScope(UserScope scope) =>
        Assert.False(UserReach.Of(scope, Assembly, ChildrenOf).Includes(null));

    [Fact]
    public void AHolderWithNoDepartment_AndADepartmentScope_ReachesNobody()
    {
        var reach = UserReach.Of(UserScope.Department, null, ChildrenOf);

        Assert.False(reach.Includes(Assembly));
        Assert.False(reach.Includes(null));
    }

    [Fact]
    public void AllUsers_ReachesEveryone_WithOrWithoutADepartment()
    {
        Assert.True(UserReach.Of(UserScope.AllUsers, Assembly, ChildrenOf).Includes(Paint));
        Assert.True(UserReach.Of(UserScope.AllUsers, null, ChildrenOf).Includes(null));
    }

    [Fact]
    public void AnActorWhoseReachWasNotComputed_ReachesTheirOwnDepartmentOnly_NeverMore()
    {
        var actor = Holder(UserScope.DepartmentAndSubDepartments) with { Reach = null };

        Assert.True(actor.UsersReach.Includes(Assembly));
        Assert.False(actor.UsersReach.Includes(Welding));
    }

    [Fact]
    public void CheckEditor_RefusesAUserOutsideTheScope_AsOutOfScope()
    {
        Assert.Equal(Refusal.OutOfScope, GrantRules.CheckEditor(Holder(UserScope.Department), In(Paint)));
        Assert.Equal(Refusal.OutOfScope, GrantRules.CheckEditor(Holder(UserScope.Department), In(null)));
        Assert.Equal(Refusal.OutOfScope, GrantRules.CheckEditor(Holder(UserScope.Department), In(Welding)));
    }

    [Fact]
    public void CheckEditor_AllowsAUserInsideTheScope()
    {
        Assert.Null(GrantRules.CheckEditor(Holder(UserScope.Department), In(Assembly)));
        Assert.Null(GrantRules.CheckEditor(Holder(UserScope.DepartmentAndSubDepartments), In(Welding)));
    }

    [Fact]
    public void InsideTheScope_AdminsAndOnesOwnRow_StayOutOfReachAsBefore()
    {
        var holder = Holder(UserScope.Department);

        Assert.Equal(Refusal.OnlyAdminEditsAdmin, GrantRules.CheckEditor(holder, In(Assembly, admin: true)));
        Assert.Equal(Refusal.NoSelfEdit, GrantRules.CheckEditor(holder, In(Assembly, id: holder.Id)));
    }

    [Fact]
    public void ToggleAndTaskLevel_FollowTheScope_ForUsersOutsideIt()
    {
        var holder = Holder(UserScope.Department, null, PermissionKey.Analytics);

        Assert.Equal(Refusal.OutOfScope, GrantRules.CheckToggle(holder, In(Paint), Platform.Web, PermissionKey.Analytics, true));
        Assert.Equal(Refusal.OutOfScope, GrantRules.CheckTaskScope(holder, In(Paint), Platform.Web, TaskScope.NoAccess));
        Assert.Null(GrantRules.CheckToggle(holder, In(Assembly), Platform.Web, PermissionKey.Analytics, true));
    }

    [Fact]
    public void AnAdmin_ReachesEveryDepartment_WhateverTheirStoredScope()
    {
        var admin = Build.Admin() with { DepartmentId = Assembly };

        Assert.Null(GrantRules.CheckEditor(admin, In(Paint)));
        Assert.Null(GrantRules.CheckEditor(admin, In(null)));
        Assert.Null(GrantRules.CheckUsersScope(admin, In(Paint), Platform.Web, UserScope.AllUsers));
    }

    [Theory]
    [InlineData(UserScope.Department, UserScope.DepartmentAndSubDepartments)]
    [InlineData(UserScope.Department, UserScope.AllUsers)]
    [InlineData(UserScope.DepartmentAndSubDepartments, UserScope.AllUsers)]
    public void GrantingAScopeWiderThanOnesOwn_IsBeyondOwnGrants(UserScope own, UserScope wanted) =>
        Assert.Equal(Refusal.BeyondOwnGrants, GrantRules.CheckUsersScope(Holder(own), In(Assembly), Platform.Web, wanted));

    [Theory]
    [InlineData(UserScope.DepartmentAndSubDepartments, UserScope.DepartmentAndSubDepartments)]
    [InlineData(UserScope.DepartmentAndSubDepartments, UserScope.Department)]
    [InlineData(UserScope.AllUsers, UserScope.Department)]
    public void GrantingOnesOwnScopeOrANarrowerOne_IsAllowed(UserScope own, UserScope wanted) =>
        Assert.Null(GrantRules.CheckUsersScope(Holder(own), In(Assembly), Platform.Web, wanted));

    [Fact]
    public void AScopedHolderSwitchingUsersPermissionsOn_GivesTheirOwnScope_NotAllUsers()
    {
        var holder = Holder(UserScope.Department);
        var before = AccessSet.Defaults(Platform.Web);

        Assert.Null(GrantRules.CheckToggle(holder, In(Assembly), Platform.Web, PermissionKey.UsersPermissions, true));
        var after = GrantRules.AsGivenBy(holder, Platform.Web, before, before.With(PermissionKey.UsersPermissions, true));

        Assert.Equal(UserScope.Department, after.UsersScope);
        Assert.Equal(UserScope.AllUsers, GrantRules.AsGivenBy(Build.Admin(), Platform.Web, before, before.With(PermissionKey.UsersPermissions, true)).UsersScope);
    }

    [Fact]
    public void ATemplateGivingUsersPermissionsToAllUsers_IsBeyondAScopedHoldersGrants()
    {
        var template = AccessPair.Defaults.With(Platform.Web, AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true));

        Assert.True(GrantRules.BeyondOwnGrants(Holder(UserScope.Department), template));
        Assert.False(GrantRules.BeyondOwnGrants(Holder(UserScope.Department), template.With(Platform.Web, template.Web.WithUsersScope(UserScope.Department))));
        Assert.False(GrantRules.BeyondOwnGrants(Holder(UserScope.AllUsers), template));
    }

    [Fact]
    public void CanView_HidesUsersOutsideTheScope_AsNotFound_ButNeverOnesOwnProfile()
    {
        var holder = Holder(UserScope.Department);

        Assert.True(UserAccess.CanView(holder, UserIn(Assembly)));
        Assert.False(UserAccess.CanView(holder, UserIn(Paint)));
        Assert.False(UserAccess.CanView(holder, UserIn(null)));
        Assert.True(UserAccess.CanView(holder with { DepartmentId = null, Reach = UserReach.Of(UserScope.Department, null, ChildrenOf) }, UserIn(null, holder.Id)));
    }

    [Fact]
    public void AScopedHolder_MayNotBringAUserFromOutsideTheirReachIntoIt()
    {
        var holder = Holder(UserScope.Department, null, PermissionKey.PositionsDepartments);

        Assert.Equal(Refusal.IntoOwnScope, GrantRules.CheckPlacement(holder, Paint, Assembly));
        Assert.Equal(Refusal.IntoOwnScope, GrantRules.CheckPlacement(holder, null, Assembly));
        Assert.Null(GrantRules.CheckPlacement(holder, Assembly, Paint));
        Assert.Null(GrantRules.CheckPlacement(holder, Paint, Welding));
        Assert.Null(GrantRules.CheckPlacement(Build.Admin(), Paint, Assembly));
        Assert.Null(GrantRules.CheckPlacement(Holder(UserScope.AllUsers), Paint, Assembly));
    }

    [Fact]
    public void TheDefaultSet_KeepsTodaysReach_AllUsers()
    {
        Assert.Equal(UserScope.AllUsers, AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true).UsersScope);
        Assert.Equal(UserScope.AllUsers, AccessSet.Everything.UsersScope);
        Assert.True(new AccessSet(ImmutableSortedSet<PermissionKey>.Empty, TaskScope.NoAccess).UsersScope == UserScope.AllUsers);
    }
}
