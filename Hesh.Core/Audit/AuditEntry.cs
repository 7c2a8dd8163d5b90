namespace Hesh.Core.Audit;

public enum AuditAction
{
    PermissionGranted,
    PermissionRevoked,
    TaskEditLevelChanged,
    AdminGranted,
    AdminRevoked,
    StatusChanged,
    PasswordSetByAdmin,
    PasswordChanged,
    PasswordReset,
    InvitationAccepted,
    OwnershipTransferred,
    UserInvited,
    SessionsEnded,
    PasswordChangeRequired,
    PermissionsApplied,
}

/// <summary>
/// One change of permissions, admin rights, status, password (never the password itself) or ownership:
/// who, whom, when, before → after. Written in the same transaction as the change.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public Guid CompanyId { get; init; }
    public DateTime At { get; init; }
    public string? ActorId { get; init; }
    public string ActorName { get; init; } = "";
    public string SubjectId { get; init; } = "";
    public string SubjectName { get; init; } = "";
    public AuditAction Action { get; init; }
    /// <summary>What changed, e.g. "Web · Productions edit".</summary>
    public string What { get; init; } = "";
    public string? Before { get; init; }
    public string? After { get; init; }
    /// <summary>For permission changes: the action they came from (toggle, template, copy, bulk, ownership).</summary>
    public Hesh.Core.Users.ChangeSource? Source { get; init; }
}
