using Hesh.Core.Permissions;

namespace Hesh.Core.Users;

/// <summary>
/// The console's pages a person may open, as the menu lists them: the rules their page guards and services apply,
/// asked in one place so that the menu never offers a page that then says "no access". Overview, My tasks and My
/// profile are everyone's.
/// </summary>
public sealed record MainPages(bool Products, bool Productions, bool Tasks, bool Users, bool Departments, bool CompanyProfile,
    bool Analytics, bool AuditLog)
{
    public static MainPages For(Actor actor) => new(
        actor.Has(PermissionKey.ProductsView),
        actor.Has(PermissionKey.ProductionsView),
        actor.Has(PermissionKey.TasksView),
        UserAccess.CanListUsers(actor),
        actor.Has(PermissionKey.PositionsDepartments),
        actor.Has(PermissionKey.CompanyProfile),
        actor.Has(PermissionKey.Analytics),
        CanReadAuditLog(actor));

    /// <summary>The company's audit log: active administrators only (it names everyone's changes).</summary>
    public static bool CanReadAuditLog(Actor actor) => actor is { IsAdmin: true, Status: UserStatus.Active };
}
