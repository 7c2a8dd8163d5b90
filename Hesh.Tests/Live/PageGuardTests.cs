using Hesh.Core.Permissions;
using Hesh.Web.Components.Pages;
using Hesh.Web.Components.Pages.Analytics;
using Hesh.Web.Components.Pages.Users;
using Hesh.Web.Live;
using Microsoft.AspNetCore.Components;

namespace Hesh.Tests.Live;

/// <summary>Which permission closes the page a circuit shows: what the preview warns about before a removal.</summary>
public sealed class PageGuardTests
{
    private static PermissionKey? For(Type page, string userId, Dictionary<string, object?>? values = null) =>
        ClosesWithoutAttribute.For(new RouteData(page, values ?? []), userId);

    [Fact]
    public void APageGuardedByAPermission_ClosesWithThatPermission() =>
        Assert.Equal(PermissionKey.Analytics, For(typeof(AnalyticsPage), "u1"));

    [Fact]
    public void TheUsersList_ClosesWithUsersPermissions() =>
        Assert.Equal(PermissionKey.UsersPermissions, For(typeof(UsersPage), "u1"));

    [Fact]
    public void AnotherUsersPage_ClosesWithUsersPermissions() =>
        Assert.Equal(PermissionKey.UsersPermissions, For(typeof(UserDetailsPage), "u1", new() { ["UserId"] = "u2" }));

    [Fact]
    public void OnesOwnUserPage_IsNeverClosedByAPermission() =>
        Assert.Null(For(typeof(UserDetailsPage), "u1", new() { ["UserId"] = "u1" }));

    [Fact]
    public void TheOverview_IsNeverClosedByAPermission() =>
        Assert.Null(For(typeof(Home), "u1"));
}
