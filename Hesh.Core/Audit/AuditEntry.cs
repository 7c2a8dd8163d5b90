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
    /// <remarks>An interpolated <paramref name="summary"/> keeps its shape, so each receiver reads it in their language.</remarks>
    public AuditEntry Announce(Hesh.Core.Common.AccessChangeKind kind, Hesh.Core.Common.LiveSummary summary, string? sessionId = null, string? to = null)
    {
        Announcements.Add(Hesh.Core.Common.AccessChanged.Of(to ?? SubjectId, CompanyId, kind, ActorId ?? SubjectId, ActorName, summary) with { SessionId = sessionId });
        return this;
    }

    /// <summary>Announces a change of the company's own settings to every open tab of the company.</summary>
    public AuditEntry AnnounceToCompany(Hesh.Core.Common.AccessChangeKind kind, Hesh.Core.Common.LiveSummary summary)
    {
        Announcements.Add(Hesh.Core.Common.AccessChanged.Of("", CompanyId, kind, ActorId ?? SubjectId, ActorName, summary));
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

    /// <summary>The audit log's words, English as the key (Hesh.Core/Resources/Audit/Messages.resx and .uk.resx).</summary>
    private static class Messages
    {
        public static string Say(string english, params object?[] args) => Hesh.Core.Common.Localization.CoreTexts.Say(Hesh.Core.Email.FeatureTexts.Of("Audit"), english, args);
    }

    /// <summary>
    /// What the audit log and its filter call each kind of change, in the reader's language. The entry's own What stays
    /// as written (English); only this title is worded when read.
    /// </summary>
    public static string Title(this AuditAction action) => action switch
    {
        AuditAction.PermissionGranted => Messages.Say("Permission granted"),
        AuditAction.PermissionRevoked => Messages.Say("Permission revoked"),
        AuditAction.TaskEditLevelChanged => Messages.Say("Task edit level changed"),
        AuditAction.AdminGranted => Messages.Say("Made administrator"),
        AuditAction.AdminRevoked => Messages.Say("Administrator rights removed"),
        AuditAction.StatusChanged => Messages.Say("Status changed"),
        AuditAction.PasswordSetByAdmin => Messages.Say("Password set by an admin"),
        AuditAction.PasswordChanged => Messages.Say("Password changed"),
        AuditAction.PasswordReset => Messages.Say("Password reset by email"),
        AuditAction.InvitationAccepted => Messages.Say("Invitation accepted"),
        AuditAction.OwnershipTransferred => Messages.Say("Ownership transferred"),
        AuditAction.UserInvited => Messages.Say("User invited"),
        AuditAction.SessionsEnded => Messages.Say("Signed out"),
        AuditAction.PasswordChangeRequired => Messages.Say("Password change required"),
        AuditAction.PermissionsApplied => Messages.Say("Permissions changed together"),
        AuditAction.TwoFactorEnabled => Messages.Say("Two-factor sign-in set up"),
        AuditAction.TwoFactorDisabled => Messages.Say("Authenticator app turned off"),
        AuditAction.TwoFactorReset => Messages.Say("Two-factor sign-in reset by an admin"),
        AuditAction.RecoveryCodesGenerated => Messages.Say("New recovery codes"),
        AuditAction.TwoFactorPolicyChanged => Messages.Say("Sign-in policy changed"),
        AuditAction.PasskeyAdded => Messages.Say("Passkey added"),
        AuditAction.PasskeyRemoved => Messages.Say("Passkey removed"),
        AuditAction.ProductVersionPublished => Messages.Say("Product version published"),
        AuditAction.ProductionLaunched => Messages.Say("Production launched"),
        AuditAction.ProductionStatusChanged => Messages.Say("Production status changed"),
        AuditAction.ProductionDeleted => Messages.Say("Production deleted"),
        AuditAction.DepartmentAdded => Messages.Say("Department added"),
        AuditAction.DepartmentRenamed => Messages.Say("Department renamed"),
        AuditAction.DepartmentMoved => Messages.Say("Department moved"),
        AuditAction.DepartmentDeleted => Messages.Say("Department deleted"),
        AuditAction.PositionAdded => Messages.Say("Position added"),
        AuditAction.PositionRenamed => Messages.Say("Position renamed"),
        AuditAction.PositionDeleted => Messages.Say("Position deleted"),
        AuditAction.TemplateSet => Messages.Say("Permission template saved"),
        AuditAction.TemplateRemoved => Messages.Say("Permission template removed"),
        AuditAction.CompanyProfileChanged => Messages.Say("Company profile changed"),
        AuditAction.CompanyLogoChanged => Messages.Say("Company logo changed"),
        AuditAction.UserImported => Messages.Say("User imported"),
        AuditAction.PositionChanged => Messages.Say("Department or position changed"),
        AuditAction.ApiKeyCreated => Messages.Say("API key created"),
        AuditAction.ApiKeyRevoked => Messages.Say("API key revoked"),
        AuditAction.ApiCalled => Messages.Say("Public API called"),
        AuditAction.WebhookAdded => Messages.Say("Webhook added"),
        AuditAction.WebhookChanged => Messages.Say("Webhook changed"),
        AuditAction.WebhookRemoved => Messages.Say("Webhook removed"),
        AuditAction.PermissionExpired => Messages.Say("Temporary access ended"),
        AuditAction.TemporaryAccessChanged => Messages.Say("Temporary access changed"),
        AuditAction.AccessRequested => Messages.Say("Access requested"),
        AuditAction.AccessRequestApproved => Messages.Say("Access request approved"),
        AuditAction.AccessRequestDeclined => Messages.Say("Access request declined"),
        AuditAction.AccessRequestExpired => Messages.Say("Access request expired"),
        AuditAction.AccessRequestWithdrawn => Messages.Say("Access request withdrawn"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Every audit action needs a title."),
    };
}
