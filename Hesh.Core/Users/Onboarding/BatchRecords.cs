using Hesh.Core.ApiKeys;
using Hesh.Core.Permissions;

namespace Hesh.Core.Users.Onboarding;

/// <summary>One person to create, as a file row or an API item gives it; department and position already resolved to ids.</summary>
public sealed record NewPerson(string Email, string FirstName, string LastName, string? Phone, string? ExternalId,
    Guid? DepartmentId = null, Guid? PositionId = null);

/// <summary>
/// Who creates: a person of the company (Person set, must be allowed to invite: <see cref="UserAccess.CanInvite"/>) or an
/// API key (Person null, <paramref name="KeyScopes"/> must include <see cref="ApiScopes.UsersWrite"/>). ActorRef/ActorName
/// go to the audit (<see cref="Audit.AuditLog.RecordBy"/> for keys).
/// </summary>
public sealed record BatchCaller(Guid CompanyId, string ActorRef, string ActorName, Actor? Person, ApiScopes KeyScopes = ApiScopes.None)
{
    /// <summary>A person of the company, as <see cref="CurrentActorLoader"/> loaded them.</summary>
    public static BatchCaller For(Actor person) => new(person.CompanyId, person.Id, person.Name, person);
}

/// <summary>
/// A refusal of one input item. <paramref name="Index"/> is its 0-based position in the list; <paramref name="Field"/> one of
/// <see cref="BatchFields"/>; <paramref name="FirstIndex"/> names the earlier item a duplicate repeats.
/// </summary>
public sealed record BatchError(int Index, string Field, string Message, int? FirstIndex = null);

public enum BatchOutcome
{
    Created,
    Skipped,
}

/// <summary>What became of one item: its user (new, or the existing one it matched) and, when skipped, why ("exists (email)").</summary>
public sealed record BatchRow(int Index, BatchOutcome Outcome, string UserId, string? Reason);

/// <summary>
/// Rows in input order. When <see cref="Errors"/> is not empty nothing was written and <see cref="Rows"/> is empty.
/// <paramref name="InvitationsNotSent"/> counts created users whose invitation email failed (they can be re-invited).
/// </summary>
public sealed record BatchResult(IReadOnlyList<BatchRow> Rows, IReadOnlyList<BatchError> Errors, int InvitationsNotSent = 0)
{
    public int Created => Rows.Count(r => r.Outcome == BatchOutcome.Created);
    public int Skipped => Rows.Count(r => r.Outcome == BatchOutcome.Skipped);
}

/// <summary>
/// What a batch would do, before anything is written: the rows that would be created (UserId empty) or skipped (the
/// existing user's id), and every error. The import preview shows this.
/// </summary>
public sealed record BatchPlan(IReadOnlyList<BatchRow> Rows, IReadOnlyList<BatchError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>The field names errors use: the file's column names and the Public API's JSON names.</summary>
public static class BatchFields
{
    public const string Email = "email";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string Phone = "phone";
    public const string ExternalId = "external_user_id";
    public const string Department = "department";
    public const string Position = "position";
}
