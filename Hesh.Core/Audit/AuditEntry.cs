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
    TwoFactorEnabled,
    TwoFactorDisabled,
    TwoFactorReset,
    RecoveryCodesGenerated,
    PasskeyAdded,
    PasskeyRemoved,
    TwoFactorPolicyChanged,
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

public static class AuditActionTitles
{
    /// <summary>What the audit log and its filter call each kind of change.</summary>
    public static string Title(this AuditAction action) => action switch
    {
        AuditAction.PermissionGranted => "Permission granted",
        AuditAction.PermissionRevoked => "Permission revoked",
        AuditAction.TaskEditLevelChanged => "Task edit level changed",
        AuditAction.AdminGranted => "Made administrator",
        AuditAction.AdminRevoked => "Administrator rights removed",
        AuditAction.StatusChanged => "Status changed",
        AuditAction.PasswordSetByAdmin => "Password set by an admin",
        AuditAction.PasswordChanged => "Password changed",
        AuditAction.PasswordReset => "Password reset by email",
        AuditAction.InvitationAccepted => "Invitation accepted",
        AuditAction.OwnershipTransferred => "Ownership transferred",
        AuditAction.UserInvited => "User invited",
        AuditAction.SessionsEnded => "Signed out",
        AuditAction.PasswordChangeRequired => "Password change required",
        AuditAction.PermissionsApplied => "Permissions changed together",
        AuditAction.TwoFactorEnabled => "Two-factor sign-in set up",
        AuditAction.TwoFactorDisabled => "Authenticator app turned off",
        AuditAction.TwoFactorReset => "Two-factor sign-in reset by an admin",
        AuditAction.RecoveryCodesGenerated => "New recovery codes",
        AuditAction.TwoFactorPolicyChanged => "Sign-in policy changed",
        AuditAction.PasskeyAdded => "Passkey added",
        AuditAction.PasskeyRemoved => "Passkey removed",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Every audit action needs a title."),
    };
}
