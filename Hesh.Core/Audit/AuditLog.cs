using Hesh.Core.Permissions;
using Hesh.Core.Data;
using Hesh.Core.Users;

namespace Hesh.Core.Audit;

/// <summary>Adds entries to the unit of work; the caller's SaveChanges commits them with the change itself.</summary>
public static class AuditLog
{
    /// <summary>Adds the entry; a change of access goes on with <see cref="AuditEntry.Announce"/> to reach open tabs.</summary>
    public static AuditEntry Record(HeshDbContext db, DateTime at, Actor? actor, HeshUser subject, AuditAction action,
        string what, string? before = null, string? after = null, ChangeSource? source = null)
    {
        var entry = new AuditEntry
        {
            CompanyId = subject.CompanyId, At = at, ActorId = actor?.Id, ActorName = actor?.Name ?? subject.FullName,
            SubjectId = subject.Id, SubjectName = subject.FullName, Action = action, What = what,
            Before = Clip(before), After = Clip(after), Source = source,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Adds an entry about something of the company that is not a person (a department, a position, its template, the
    /// company profile, a product, a production): the subject is that thing's id and name. Nobody's access changes with it,
    /// so nothing is announced.
    /// </summary>
    public static AuditEntry Record(HeshDbContext db, DateTime at, Actor actor, string subjectId, string subjectName, AuditAction action,
        string what, string? before = null, string? after = null)
    {
        var entry = new AuditEntry
        {
            CompanyId = actor.CompanyId, At = at, ActorId = actor.Id, ActorName = actor.Name, SubjectId = subjectId, SubjectName = subjectName,
            Action = action, What = what, Before = Clip(before), After = Clip(after),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Adds an entry for a change made by something that is not a person of the company — a Public API key — named as
    /// the actor. <paramref name="actorRef"/> (e.g. "api-key:{id}") is never a user's id, so a live notice of the
    /// change is not mistaken for the subject's own.
    /// </summary>
    public static AuditEntry RecordBy(HeshDbContext db, DateTime at, Guid companyId, string actorRef, string actorName, string subjectId,
        string subjectName, AuditAction action, string what, string? before = null, string? after = null, ChangeSource? source = null)
    {
        var entry = new AuditEntry
        {
            CompanyId = companyId, At = at, ActorId = actorRef, ActorName = actorName, SubjectId = subjectId, SubjectName = subjectName,
            Action = action, What = what, Before = Clip(before), After = Clip(after), Source = source,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string? Clip(string? text) => text is { Length: > 1000 } ? text[..999] + "…" : text;
}
