using Hesh.Core.Audit;
using Hesh.Core.Webhooks;

namespace Hesh.Tests.Webhooks;

public sealed class WebhookEventTypesTests
{
    public static TheoryData<AuditAction, WebhookEvents> Mapped => new()
    {
        { AuditAction.UserInvited, WebhookEvents.UserCreated },
        { AuditAction.UserImported, WebhookEvents.UserCreated | WebhookEvents.UserImported },
        { AuditAction.StatusChanged, WebhookEvents.UserStatusChanged },
        { AuditAction.InvitationAccepted, WebhookEvents.UserStatusChanged },
        { AuditAction.PermissionGranted, WebhookEvents.UserPermissionsChanged },
        { AuditAction.PermissionRevoked, WebhookEvents.UserPermissionsChanged },
        { AuditAction.TaskEditLevelChanged, WebhookEvents.UserPermissionsChanged },
        { AuditAction.AdminGranted, WebhookEvents.UserPermissionsChanged },
        { AuditAction.AdminRevoked, WebhookEvents.UserPermissionsChanged },
        { AuditAction.PermissionsApplied, WebhookEvents.UserPermissionsChanged },
        { AuditAction.OwnershipTransferred, WebhookEvents.UserPermissionsChanged },
        { AuditAction.PermissionExpired, WebhookEvents.UserPermissionsChanged },
        { AuditAction.TemporaryAccessChanged, WebhookEvents.UserPermissionsChanged },
        { AuditAction.PositionChanged, WebhookEvents.UserPositionChanged },
    };

    [Theory]
    [MemberData(nameof(Mapped))]
    public void AuditAction_TellsOfItsEvents(AuditAction action, WebhookEvents events) => Assert.Equal(events, WebhookEventTypes.For(action));

    [Fact]
    public void EveryOtherAuditAction_TellsOfNoEvent()
    {
        var mapped = Mapped.Select(row => (AuditAction)row.Data.Item1).ToHashSet();
        // Passwords, second factors, products, the organisation's own changes and webhooks themselves are not told.
        Assert.All(Enum.GetValues<AuditAction>().Where(a => !mapped.Contains(a)), a => Assert.Equal(WebhookEvents.None, WebhookEventTypes.For(a)));
    }

    [Fact]
    public void EveryEvent_HasOneWireName_AndATitle()
    {
        var names = WebhookEventTypes.Each.Select(WebhookEventTypes.Name).ToList();
        Assert.Equal(["user.created", "user.status_changed", "user.permissions_changed", "user.position_changed", "user.imported"], names);
        Assert.All(WebhookEventTypes.Each, e => Assert.False(string.IsNullOrEmpty(WebhookEventTypes.Title(e))));
        Assert.Equal(WebhookEventTypes.All, WebhookEventTypes.Each.Aggregate(WebhookEvents.None, (all, e) => all | e));
    }

    [Fact]
    public void Payload_IsSnakeCase_WithTheDocumentedFields()
    {
        var payload = new WebhookPayload(Guid.Parse("11111111-1111-1111-1111-111111111111"), "user.created", "2026-12-01T10:00:00.000Z",
            Guid.Parse("22222222-2222-2222-2222-222222222222"), new WebhookPayloadData("u-1", "Anna Novak", "Invitation", null, "anna@example.com", "Olga Owner"));

        Assert.Equal("""{"id":"11111111-1111-1111-1111-111111111111","type":"user.created","created_at":"2026-12-01T10:00:00.000Z","company_id":"22222222-2222-2222-2222-222222222222","data":{"user_id":"u-1","full_name":"Anna Novak","change":"Invitation","before":null,"after":"anna@example.com","actor":"Olga Owner"}}""",
            payload.Serialize());
    }
}
