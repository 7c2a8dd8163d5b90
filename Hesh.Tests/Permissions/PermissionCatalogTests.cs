using Hesh.Core.Permissions;

namespace Hesh.Tests.Permissions;

public sealed class PermissionCatalogTests
{
    [Fact]
    public void EveryKey_IsDeclaredExactlyOnce() =>
        Assert.Equal(Enum.GetValues<PermissionKey>().Order(), PermissionCatalog.All.Select(p => p.Key).Order());

    [Fact]
    public void StoredKeyNames_AreStable()
    {
        // The names are persisted: renaming one without a migration loses every grant of it.
        Assert.Equal(
            "ProductsView ProductsEdit ProductionsView ProductionsEdit TasksView TaskEditLevel ManageFailedTasks ManageInQueue MyTasks PositionsDepartments UsersPermissions CompanyProfile Analytics",
            string.Join(' ', Enum.GetNames<PermissionKey>()));
    }

    [Fact]
    public void EveryParent_IsInTheCatalogue_AndNoParentIsItselfAChild() =>
        Assert.All(PermissionCatalog.All.Where(p => p.Parent is not null), p => Assert.Null(PermissionCatalog.Get(p.Parent!.Value).Parent));

    [Fact]
    public void EditsImplyTheirViews()
    {
        Assert.Equal(PermissionKey.ProductsView, PermissionCatalog.Get(PermissionKey.ProductsEdit).Parent);
        Assert.Equal(PermissionKey.ProductionsView, PermissionCatalog.Get(PermissionKey.ProductionsEdit).Parent);
        Assert.Equal(PermissionKey.TasksView, PermissionCatalog.Get(PermissionKey.TaskEditLevel).Parent);
    }

    [Fact]
    public void ProductsViewAndMyTasks_AreAlwaysOnOnTheWeb_MyTasksAlsoOnMobile()
    {
        Assert.Equal([PermissionKey.ProductsView, PermissionKey.MyTasks],
            PermissionCatalog.All.Where(p => p.IsAlwaysOn(Platform.Web)).Select(p => p.Key));
        Assert.Equal([PermissionKey.MyTasks], PermissionCatalog.All.Where(p => p.IsAlwaysOn(Platform.Mobile)).Select(p => p.Key));
    }

    [Fact]
    public void NewUserDefaults_WebProductsViewAndMyTasks_MobileMyTasksOnly()
    {
        Assert.Equal([PermissionKey.ProductsView, PermissionKey.MyTasks], AccessSet.Defaults(Platform.Web).Keys);
        Assert.Equal([PermissionKey.MyTasks], AccessSet.Defaults(Platform.Mobile).Keys);
        Assert.Equal(TaskScope.NoAccess, AccessSet.Defaults(Platform.Web).TaskScope);
    }

    [Fact]
    public void EveryPermission_HasATitleAGroupAndADescription() =>
        Assert.All(PermissionCatalog.All, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Title));
            Assert.False(string.IsNullOrWhiteSpace(p.Group));
            Assert.EndsWith(".", p.Description);
        });
}
