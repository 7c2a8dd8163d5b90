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
    // Products and productions: the subject is the product or production (its id and name or key), not a user.
    ProductVersionPublished,
    ProductionLaunched,
    ProductionStatusChanged,
    ProductionDeleted,
    // The organisation: its subject is a department, a position or the company itself, not a user.
    DepartmentAdded,
    DepartmentRenamed,
    DepartmentMoved,
    DepartmentDeleted,
    PositionAdded,
    PositionRenamed,
    PositionDeleted,
    TemplateSet,
    TemplateRemoved,
    CompanyProfileChanged,
    CompanyLogoChanged,
    // Onboarding and integrations (issue 14).
    /// <summary>A user created by an import from a file or by the Public API's batch; What says which.</summary>
    UserImported,
    /// <summary>A user's department or position changed (Position tab, Public API).</summary>
    PositionChanged,
    ApiKeyCreated,
    ApiKeyRevoked,
    /// <summary>One call of the Public API; the actor is the key, by name.</summary>
    ApiCalled,
    WebhookAdded,
    WebhookChanged,
    WebhookRemoved,
    // Temporary access and access requests (issue 15); the subject is the user whose access it is.
    /// <summary>A temporary grant reached its end and was switched off by the expiry job.</summary>
    PermissionExpired,
    /// <summary>A temporary grant's end moved (extended) or came now (ended early).</summary>
    TemporaryAccessChanged,
    AccessRequested,
    AccessRequestApproved,
    AccessRequestDeclined,
    /// <summary>Nobody answered a request within seven days.</summary>
    AccessRequestExpired,
    /// <summary>The requester took a request back, or it closed because they got the permission another way.</summary>
    AccessRequestWithdrawn,
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

    /// <summary>
    /// What this entry tells open tabs once it commits: the state, its history and its announcement travel in one unit
    /// of work, and <see cref="Hesh.Core.Common.AccessAnnouncer"/> publishes them after the commit — never before,
    /// never for a save that failed or a transaction rolled back.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public List<Hesh.Core.Common.AccessChanged> Announcements { get; } = [];

    /// <summary>Announces this change to the subject (or to <paramref name="to"/>); one's own changes name oneself as actor.</summary>
    public AuditEntry Announce(Hesh.Core.Common.AccessChangeKind kind, string summary, string? sessionId = null, string? to = null)
    {
        Announcements.Add(new Hesh.Core.Common.AccessChanged(to ?? SubjectId, CompanyId, kind, ActorId ?? SubjectId, ActorName, summary) { SessionId = sessionId });
        return this;
    }

    /// <summary>Announces a change of the company's own settings to every open tab of the company.</summary>
    public AuditEntry AnnounceToCompany(Hesh.Core.Common.AccessChangeKind kind, string summary)
    {
        Announcements.Add(new Hesh.Core.Common.AccessChanged("", CompanyId, kind, ActorId ?? SubjectId, ActorName, summary));
        return this;
    }
}

public static class AuditActionTitles
{
    private static readonly HashSet<AuditAction> AboutUsers =
    [
        AuditAction.PermissionGranted, AuditAction.PermissionRevoked, AuditAction.TaskEditLevelChanged, AuditAction.AdminGranted,
        AuditAction.AdminRevoked, AuditAction.StatusChanged, AuditAction.PasswordSetByAdmin, AuditAction.PasswordChanged,
        AuditAction.PasswordReset, AuditAction.InvitationAccepted, AuditAction.OwnershipTransferred, AuditAction.UserInvited,
        AuditAction.SessionsEnded, AuditAction.PasswordChangeRequired, AuditAction.PermissionsApplied, AuditAction.TwoFactorEnabled,
        AuditAction.TwoFactorDisabled, AuditAction.TwoFactorReset, AuditAction.RecoveryCodesGenerated, AuditAction.PasskeyAdded,
        AuditAction.PasskeyRemoved, AuditAction.TwoFactorPolicyChanged, AuditAction.UserImported, AuditAction.PositionChanged,
        AuditAction.PermissionExpired, AuditAction.TemporaryAccessChanged, AuditAction.AccessRequested, AuditAction.AccessRequestApproved,
        AuditAction.AccessRequestDeclined, AuditAction.AccessRequestExpired, AuditAction.AccessRequestWithdrawn,
    ];

    /// <summary>
    /// Whether the entry's subject is a person (its SubjectId a user's id, so the log may link to them). Listed, not
    /// assumed: a new kind of change about a department or a product must not link to a user page that does not exist.
    /// </summary>
    public static bool IsAboutUser(this AuditAction action) => AboutUsers.Contains(action);

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
        AuditAction.ProductVersionPublished => "Product version published",
        AuditAction.ProductionLaunched => "Production launched",
        AuditAction.ProductionStatusChanged => "Production status changed",
        AuditAction.ProductionDeleted => "Production deleted",
        AuditAction.DepartmentAdded => "Department added",
        AuditAction.DepartmentRenamed => "Department renamed",
        AuditAction.DepartmentMoved => "Department moved",
        AuditAction.DepartmentDeleted => "Department deleted",
        AuditAction.PositionAdded => "Position added",
        AuditAction.PositionRenamed => "Position renamed",
        AuditAction.PositionDeleted => "Position deleted",
        AuditAction.TemplateSet => "Permission template saved",
        AuditAction.TemplateRemoved => "Permission template removed",
        AuditAction.CompanyProfileChanged => "Company profile changed",
        AuditAction.CompanyLogoChanged => "Company logo changed",
        AuditAction.UserImported => "User imported",
        AuditAction.PositionChanged => "Department or position changed",
        AuditAction.ApiKeyCreated => "API key created",
        AuditAction.ApiKeyRevoked => "API key revoked",
        AuditAction.ApiCalled => "Public API called",
        AuditAction.WebhookAdded => "Webhook added",
        AuditAction.WebhookChanged => "Webhook changed",
        AuditAction.WebhookRemoved => "Webhook removed",
        AuditAction.PermissionExpired => "Temporary access ended",
        AuditAction.TemporaryAccessChanged => "Temporary access changed",
        AuditAction.AccessRequested => "Access requested",
        AuditAction.AccessRequestApproved => "Access request approved",
        AuditAction.AccessRequestDeclined => "Access request declined",
        AuditAction.AccessRequestExpired => "Access request expired",
        AuditAction.AccessRequestWithdrawn => "Access request withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Every audit action needs a title."),
    };
}
