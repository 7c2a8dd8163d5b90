using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;

namespace Hesh.Core.Productions;

/// <summary>The audit entries of productions: added to the unit of work, committed with the change itself.</summary>
internal static class ProductionAudit
{
    public static void Launched(HeshDbContext db, DateTime at, Actor actor, Production production) =>
        AuditLog.Record(db, at, actor, production.Id.ToString(), production.Key, AuditAction.ProductionLaunched,
            $"{production.ProductName} v{production.VersionNumber} × {production.Quantity}", after: production.Status.Title());

    /// <summary><paramref name="what"/> says what moved it: an action on the production, or a task's.</summary>
    public static void StatusChanged(HeshDbContext db, DateTime at, Actor actor, Production production, ProductionStatus before, string what) =>
        AuditLog.Record(db, at, actor, production.Id.ToString(), production.Key, AuditAction.ProductionStatusChanged, what,
            before.Title(), production.Status.Title());

    public static void Deleted(HeshDbContext db, DateTime at, Actor actor, Production production) =>
        AuditLog.Record(db, at, actor, production.Id.ToString(), production.Key, AuditAction.ProductionDeleted,
            $"{production.ProductName} v{production.VersionNumber}", before: production.Status.Title());
}
