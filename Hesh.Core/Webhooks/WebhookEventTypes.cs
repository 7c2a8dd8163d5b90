using Hesh.Core.Audit;

namespace Hesh.Core.Webhooks;

/// <summary>
/// The events a webhook can carry and the audit actions they are derived from: an event is told exactly when the
/// change it names is written to the audit log, so the log and the deliveries never disagree.
/// </summary>
public static class WebhookEventTypes
{
    public const WebhookEvents All = WebhookEvents.UserCreated | WebhookEvents.UserStatusChanged | WebhookEvents.UserPermissionsChanged
        | WebhookEvents.UserPositionChanged | WebhookEvents.UserImported;

    /// <summary>Every event in the order the add dialog lists them.</summary>
    public static IReadOnlyList<WebhookEvents> Each { get; } =
    [
        WebhookEvents.UserCreated, WebhookEvents.UserStatusChanged, WebhookEvents.UserPermissionsChanged, WebhookEvents.UserPositionChanged,
        WebhookEvents.UserImported,
    ];

    /// <summary>The event's name on the wire and in the <c>Hesh-Event</c> header.</summary>
    public static string Name(WebhookEvents single) => single switch
    {
        WebhookEvents.UserCreated => "user.created",
        WebhookEvents.UserStatusChanged => "user.status_changed",
        WebhookEvents.UserPermissionsChanged => "user.permissions_changed",
        WebhookEvents.UserPositionChanged => "user.position_changed",
        WebhookEvents.UserImported => "user.imported",
        _ => throw new ArgumentOutOfRangeException(nameof(single), single, "One event, not a combination."),
    };

    public static string Title(WebhookEvents single) => single switch
    {
        WebhookEvents.UserCreated => Messages.Say("User created"),
        WebhookEvents.UserStatusChanged => Messages.Say("Status changed"),
        WebhookEvents.UserPermissionsChanged => Messages.Say("Permissions changed"),
        WebhookEvents.UserPositionChanged => Messages.Say("Position changed"),
        WebhookEvents.UserImported => Messages.Say("User imported"),
        _ => throw new ArgumentOutOfRangeException(nameof(single), single, "One event, not a combination."),
    };

    /// <summary>The events an audit action tells of; none for changes no webhook carries (a password, a product).</summary>
    public static WebhookEvents For(AuditAction action) => action switch
    {
        AuditAction.UserInvited => WebhookEvents.UserCreated,
        // An imported user is a created user too: a receiver that only cares about new people subscribes to one event.
        AuditAction.UserImported => WebhookEvents.UserCreated | WebhookEvents.UserImported,
        AuditAction.StatusChanged or AuditAction.InvitationAccepted => WebhookEvents.UserStatusChanged,
        AuditAction.PermissionGranted or AuditAction.PermissionRevoked or AuditAction.TaskEditLevelChanged or AuditAction.AdminGranted
            or AuditAction.AdminRevoked or AuditAction.PermissionsApplied or AuditAction.OwnershipTransferred
            or AuditAction.PermissionExpired or AuditAction.TemporaryAccessChanged => WebhookEvents.UserPermissionsChanged,
        AuditAction.PositionChanged => WebhookEvents.UserPositionChanged,
        _ => WebhookEvents.None,
    };

    /// <summary>The single events a set holds, in <see cref="Each"/>'s order.</summary>
    public static IEnumerable<WebhookEvents> Split(WebhookEvents events) => Each.Where(e => events.HasFlag(e));

    public static string Describe(WebhookEvents events) => events == WebhookEvents.None ? "none" : string.Join(", ", Split(events).Select(Name));
}
