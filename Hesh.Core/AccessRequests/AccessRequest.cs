using Hesh.Core.Permissions;

namespace Hesh.Core.AccessRequests;

public enum AccessRequestStatus
{
    Open,
    Approved,
    Declined,
    /// <summary>Nobody answered within <see cref="AccessRequest.Lifetime"/>.</summary>
    Expired,
    /// <summary>The requester took it back, or no longer needs it (they were given the permission another way).</summary>
    Withdrawn,
}

/// <summary>
/// A user's request for one permission they lack, with a reason and a wished duration; answered once by someone who may
/// grant it. At most one open request per user, platform and permission (a filtered unique index).
/// </summary>
public sealed class AccessRequest
{
    public const int ReasonMaxLength = 500;
    public const int NameMaxLength = 120;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CompanyId { get; init; }
    public string UserId { get; init; } = "";
    public string UserName { get; set; } = "";
    public Platform Platform { get; init; } = Platform.Web;
    public PermissionKey Key { get; init; }
    /// <summary>For the task edit level: the level asked for.</summary>
    public TaskScope? Level { get; init; }
    public string? Reason { get; init; }
    /// <summary>How long the requester would like it for; null for "until switched off".</summary>
    public int? WishedMinutes { get; init; }
    public AccessRequestStatus Status { get; set; } = AccessRequestStatus.Open;
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    /// <summary>A decline's reason, shown to the requester.</summary>
    public string? DecisionReason { get; set; }
    /// <summary>For an approval of limited duration: when the granted access ends.</summary>
    public DateTime? GrantedUntil { get; set; }
}
