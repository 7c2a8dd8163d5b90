namespace Hesh.Core.Permissions;

/// <summary>
/// Every permission, declared once. The Permissions tab, the authorization policies, the audit log and the tests
/// read <see cref="All"/>; nothing lists permissions a second time.
/// </summary>
public static class PermissionCatalog
{
    public const string ProductsGroup = "Products";
    public const string ProductionsGroup = "Productions";
    public const string TasksGroup = "Tasks";
    public const string PagesGroup = "Additional pages";

    public static IReadOnlyList<Permission> All { get; } =
    [
        new(PermissionKey.ProductsView, "Products view", ProductsGroup, "See the product catalog.",
            AlwaysOn: Platforms.Web, DefaultOn: Platforms.Web),
        new(PermissionKey.ProductsEdit, "Products edit", ProductsGroup, "Create, edit and publish products — not launch them.",
            Parent: PermissionKey.ProductsView),
        new(PermissionKey.ProductionsView, "Productions view", ProductionsGroup, "See planned, started and completed productions."),
        new(PermissionKey.ProductionsEdit, "Productions edit", ProductionsGroup, "Create, edit, publish and launch productions.",
            Parent: PermissionKey.ProductionsView),
        new(PermissionKey.TasksView, "Tasks view", TasksGroup, "See the task table."),
        new(PermissionKey.TaskEditLevel, "Task edit level", TasksGroup, "Whose tasks, besides their own, the user may edit.",
            Parent: PermissionKey.TasksView, IsLevel: true),
        new(PermissionKey.ManageFailedTasks, "Manage failed tasks", TasksGroup, "Fail done tasks; a reopened task is redone without repayment.",
            Parent: PermissionKey.TasksView),
        new(PermissionKey.ManageInQueue, "Manage \"In queue\" state", TasksGroup, "Unlock a task ahead of its queue.",
            Parent: PermissionKey.TasksView),
        new(PermissionKey.MyTasks, "My tasks view & edit", TasksGroup, "See and work one's own tasks.",
            AlwaysOn: Platforms.Both, DefaultOn: Platforms.Both),
        new(PermissionKey.PositionsDepartments, "Positions & departments", PagesGroup, "Create and manage positions and departments."),
        new(PermissionKey.UsersPermissions, "Users permissions", PagesGroup, "Set up the permissions of other users."),
        new(PermissionKey.CompanyProfile, "Company profile", PagesGroup, "Configure the company profile."),
        new(PermissionKey.Analytics, "Analytics", PagesGroup, "See the company's analytics."),
    ];

    private static readonly Dictionary<PermissionKey, Permission> ByKey = All.ToDictionary(p => p.Key);

    public static Permission Get(PermissionKey key) => ByKey[key];

    /// <summary>The permissions that imply <paramref name="key"/> (its edits, its level).</summary>
    public static IEnumerable<Permission> ChildrenOf(PermissionKey key) => All.Where(p => p.Parent == key);

    public static IEnumerable<IGrouping<string, Permission>> Groups => All.GroupBy(p => p.Group);
}
