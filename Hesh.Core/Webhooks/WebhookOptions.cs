namespace Hesh.Core.Webhooks;

/// <summary>Hesh:Webhooks.</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Lets endpoints on this machine (http://127.0.0.1, http://localhost) be added and dialled — for a receiver under
    /// development. Off by default, on in appsettings.Development.json; private and link-local addresses stay refused.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Whether this node runs the dispatcher; every node may, the claim keeps them from sending a row twice.</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>How often the dispatcher looks for due rows when no commit woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed row is a node's own; a node that dies mid-delivery gives it back when this ends.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Retried with backoff until this long after the event, then Failed.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    public int MaxEndpointsPerCompany { get; set; } = 10;

    /// <summary>How long delivered and failed deliveries stay in the log (and can be resent).</summary>
    public TimeSpan KeepDeliveriesFor { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Keeps endpoint secrets protected at rest; the web host backs it with ASP.NET Data Protection's shared key ring.</summary>
public interface IWebhookSecrets
{
    string Protect(string secret);
    string Unprotect(string protectedSecret);
}

/// <summary>One POST of a delivery; the web host sends it with IHttpClientFactory and <see cref="WebhookHttp"/>'s handler.</summary>
public interface IWebhookSender
{
    Task<WebhookResponse> SendAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken ct);
}

/// <param name="StatusCode">The HTTP status, or null when no answer came (refused, timed out, unreachable).</param>
public sealed record WebhookResponse(int? StatusCode, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
