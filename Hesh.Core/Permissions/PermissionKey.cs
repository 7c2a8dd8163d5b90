namespace Hesh.Core.Permissions;

/// <summary>
/// Every permission of PRODUCT §3. The member names are what the store keeps: renaming one needs a migration
/// (a snapshot test pins the list).
/// </summary>
public enum PermissionKey
{
    ProductsView,
    ProductsEdit,
    ProductionsView,
    ProductionsEdit,
    TasksView,
    TaskEditLevel,
    ManageFailedTasks,
    ManageInQueue,
    MyTasks,
    PositionsDepartments,
    UsersPermissions,
    CompanyProfile,
    Analytics,
}

/// <summary>The two independent permission sets of a user.</summary>
public enum Platform
{
    Web,
    Mobile,
}

[Flags]
public enum Platforms
{
    None = 0,
    Web = 1,
    Mobile = 2,
    Both = Web | Mobile,
}

/// <summary>Which other users' tasks a user may edit. Tasks with no department are inside every scope.</summary>
public enum TaskScope
{
    NoAccess = 0,
    Department = 1,
    DepartmentAndSubDepartments = 2,
    AllDepartments = 3,
}

/// <summary>
/// Whose permissions a holder of "Users permissions" may see and set. The values order the reach, narrowest first,
/// so "wider than one's own" is a comparison; All users is the default, the reach every holder had before scopes.
/// </summary>
public enum UserScope
{
    Department = 1,
    DepartmentAndSubDepartments = 2,
    AllUsers = 3,
}

public static class PlatformExtensions
{
    public static Platforms AsFlag(this Platform platform) => platform == Platform.Web ? Platforms.Web : Platforms.Mobile;

    public static string Title(this Platform platform) => platform == Platform.Web ? "Web access" : "Mobile access";

    public static string Title(this TaskScope scope) => scope switch
    {
        TaskScope.NoAccess => "No access",
        TaskScope.Department => "User's department",
        TaskScope.DepartmentAndSubDepartments => "User's department & sub-departments",
        _ => "All departments",
    };

    public static string Title(this UserScope scope) => scope switch
    {
        UserScope.Department => "User's department",
        UserScope.DepartmentAndSubDepartments => "User's department & sub-departments",
        _ => "All users",
    };
}
