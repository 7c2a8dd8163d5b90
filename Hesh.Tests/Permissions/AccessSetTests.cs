using Hesh.Core.Permissions;

namespace Hesh.Tests.Permissions;

public sealed class AccessSetTests
{
    public static TheoryData<PermissionKey, PermissionKey> EditViewPairs => new()
    {
        { PermissionKey.ProductsEdit, PermissionKey.ProductsView },
        { PermissionKey.ProductionsEdit, PermissionKey.ProductionsView },
        { PermissionKey.ManageFailedTasks, PermissionKey.TasksView },
        { PermissionKey.ManageInQueue, PermissionKey.TasksView },
    };

    [Theory]
    [MemberData(nameof(EditViewPairs))]
    public void EnablingAnEdit_EnablesItsView(PermissionKey edit, PermissionKey view) =>
        Assert.True(AccessSet.Empty.With(edit, true).Has(view));

    [Theory]
    [MemberData(nameof(EditViewPairs))]
    public void DisablingAView_DisablesItsEdit(PermissionKey edit, PermissionKey view) =>
        Assert.False(AccessSet.Empty.With(edit, true).With(view, false).Has(edit));

    [Fact]
    public void DisablingTasksView_ResetsTheTaskEditLevelToNoAccess()
    {
        var set = AccessSet.Empty.WithScope(TaskScope.AllDepartments).With(PermissionKey.TasksView, false);
        Assert.Equal(TaskScope.NoAccess, set.TaskScope);
    }

    [Fact]
    public void ATaskEditLevel_EnablesTasksView() =>
        Assert.True(AccessSet.Empty.WithScope(TaskScope.Department).Has(PermissionKey.TasksView));

    [Fact]
    public void DisablingAnEdit_KeepsItsView() =>
        Assert.True(AccessSet.Empty.With(PermissionKey.ProductionsEdit, true).With(PermissionKey.ProductionsEdit, false).Has(PermissionKey.ProductionsView));

    [Fact]
    public void StorageForm_RoundTrips()
    {
        var set = AccessSet.Defaults(Platform.Web).With(PermissionKey.ProductionsEdit, true).WithScope(TaskScope.DepartmentAndSubDepartments);
        Assert.Equal(set, AccessSet.Parse(set.Serialize()));
    }

    [Fact]
    public void UnknownStoredKeys_AreIgnored_NotGranted() =>
        Assert.Equal([PermissionKey.TasksView], AccessSet.Parse("TasksView,DeletedKey|NoAccess").Keys);

    [Fact]
    public void AlwaysOnPermissions_AreHeldWhateverIsStored()
    {
        Assert.True(AccessSet.Empty.WithAlwaysOn(Platform.Web).Has(PermissionKey.ProductsView));
        Assert.False(AccessSet.Empty.WithAlwaysOn(Platform.Mobile).Has(PermissionKey.ProductsView));
        Assert.True(AccessSet.Empty.WithAlwaysOn(Platform.Mobile).Has(PermissionKey.MyTasks));
    }
}
