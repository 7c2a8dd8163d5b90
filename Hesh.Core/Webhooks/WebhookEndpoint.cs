namespace Hesh.Core.Webhooks;

/// <summary>The events a company may subscribe an endpoint to.</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,
    UserCreated = 1,
    UserStatusChanged = 2,
    UserPermissionsChanged = 4,
    UserPositionChanged = 8,
    UserImported = 16,
}

/// <summary>An HTTPS address of the company's that receives signed deliveries of the events it chose.</summary>
public sealed class WebhookEndpoint
{
    public const int UrlMaxLength = 500;
    public const int DescriptionMaxLength = 120;

    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public string Url { get; set; } = "";
    public string? Description { get; set; }
    public WebhookEvents Events { get; set; }
    /// <summary>The HMAC-SHA256 signing secret, protected at rest by the data-protection key ring.</summary>
    public string ProtectedSecret { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string CreatedByName { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    /// <summary>Retried for 24 hours without a 2xx answer; "Resend" queues it again.</summary>
    Failed,
}

/// <summary>
/// One event for one endpoint: a row written in the same transaction as the change it tells of, so a restart loses
/// nothing; the dispatcher sends it after the commit and retries it with backoff.
/// </summary>
public sealed class WebhookDelivery
{
    public const int ErrorMaxLength = 300;

    public long Id { get; init; }
    public Guid EndpointId { get; init; }
    public Guid CompanyId { get; init; }
    /// <summary>The event's name on the wire, e.g. "user.created".</summary>
    public string Event { get; init; } = "";
    /// <summary>The event's own id, the same in every attempt, so a receiver can drop duplicates.</summary>
    public Guid EventId { get; init; }
    public string Payload { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public WebhookDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public int? LastDurationMs { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }
}
