using Hesh.Core.Data;
using Hesh.Core.Users;

namespace Hesh.Core.Audit;

/// <summary>Adds entries to the unit of work; the caller's SaveChanges commits them with the change itself.</summary>
public static class AuditLog
{
    public static void Record(HeshDbContext db, DateTime at, Actor? actor, HeshUser subject, AuditAction action,
        string what, string? before = null, string? after = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            CompanyId = subject.CompanyId, At = at, ActorId = actor?.Id, ActorName = actor?.Name ?? subject.FullName,
            SubjectId = subject.Id, SubjectName = subject.FullName, Action = action, What = what, Before = before, After = after,
        });
}
