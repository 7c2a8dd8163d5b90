using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Users;

public sealed class MainPagesTests
{
    [Fact]
    public void APerformerWithTheDefaults_OpensOnlyProducts_NoAdministrationPage()
    {
        var pages = MainPages.For(Build.User());

        Assert.Equal(new MainPages(Products: true, Productions: false, Tasks: false, Users: false, Departments: false,
            CompanyProfile: false, Analytics: false, AuditLog: false), pages);
    }

    [Fact]
    public void EachPermission_OpensItsOwnPage_AndNoOther()
    {
        Assert.True(MainPages.For(Build.User("t", PermissionKey.TasksView)).Tasks);
        Assert.True(MainPages.For(Build.User("a", PermissionKey.Analytics)).Analytics);
        var holder = MainPages.For(Build.User("u", PermissionKey.UsersPermissions));
        Assert.True(holder.Users);
        Assert.False(holder.AuditLog);
    }

    [Fact]
    public void OnlyAnActiveAdministrator_ReadsTheAuditLog()
    {
        Assert.True(MainPages.For(Build.Admin()).AuditLog);
        Assert.False(MainPages.For(Build.Admin(status: UserStatus.Inactive)).AuditLog);
        Assert.False(MainPages.For(Build.Admin(status: UserStatus.Inactive)).Users);
    }
}
