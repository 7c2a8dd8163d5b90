using System.Net;
using System.Net.Sockets;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hesh.Core.Webhooks;

public sealed record WebhookInput(string? Url, string? Description, WebhookEvents Events);

public sealed record WebhookRow(Guid Id, string Url, string? Description, WebhookEvents Events, bool Enabled, DateTime CreatedAt, string CreatedByName,
    WebhookDeliveryRow? LastDelivery);

public sealed record WebhookDeliveryRow(long Id, string Event, Guid EventId, WebhookDeliveryStatus Status, int Attempts, int? StatusCode, int? DurationMs,
    string? Error, DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? NextAttemptAt);

/// <summary>The Webhooks section: null for anyone but the company's owner and administrators.</summary>
public sealed record WebhooksView(IReadOnlyList<WebhookRow> Endpoints, int MaxEndpoints);

/// <summary>An endpoint just added, or its secret just replaced: the secret is shown this once and never again.</summary>
public sealed record WebhookSecret(Guid EndpointId, string Secret);

/// <summary>
/// A company's webhook endpoints, managed by its owner and administrators only (the rule is here, not in the page).
/// Every change is audited in the same commit; the signing secret is generated here, shown once, and kept protected.
/// </summary>
public sealed class WebhookService(HeshDbContext db, CurrentActorLoader actors, IWebhookSecrets secrets, TimeProvider clock,
    IOptions<WebhookOptions> options, ILogger<WebhookService> logger)
{
    public const int LogSize = 50;

    private static Result NotAllowed => Result.Fail(Messages.Say("Only the company owner and administrators can manage webhooks."));
    private static Result Gone => Result.Fail(Messages.Say("This webhook no longer exists."));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static bool CanManage(Actor? actor) => actor is { Status: UserStatus.Active } && (actor.IsAdmin || actor.IsOwner);

    public async Task<WebhooksView?> ListAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (!CanManage(actor))
        {
            return null;
        }
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.CompanyId == actor!.CompanyId).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        var rows = new List<WebhookRow>();
        foreach (var e in endpoints)
        {
            var last = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == e.Id).OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
                .FirstOrDefaultAsync(ct);
            rows.Add(new WebhookRow(e.Id, e.Url, e.Description, e.Events, e.Enabled, e.CreatedAt, e.CreatedByName, last is null ? null : Row(last)));
        }
        return new WebhooksView(rows, options.Value.MaxEndpointsPerCompany);
    }

    public async Task<Result<IReadOnlyList<WebhookDeliveryRow>>> DeliveriesAsync(string actorId, Guid endpointId, CancellationToken ct = default)
    {
        var (_, endpoint, refusal) = await LoadAsync(actorId, endpointId, track: false, ct);
        if (endpoint is null)
        {
            return Result<IReadOnlyList<WebhookDeliveryRow>>.From(refusal!);
        }
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpoint.Id)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(LogSize).ToListAsync(ct);
        return Result<IReadOnlyList<WebhookDeliveryRow>>.Success(rows.Select(Row).ToList());
    }

    public async Task<Result<WebhookSecret>> AddAsync(string actorId, WebhookInput input, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (!CanManage(actor))
        {
            return Result<WebhookSecret>.From(NotAllowed);
        }
        var (url, invalid) = await CheckAsync(input, ct);
        if (invalid is not null)
        {
            return Result<WebhookSecret>.From(invalid);
        }
        if (await db.WebhookEndpoints.CountAsync(e => e.CompanyId == actor!.CompanyId, ct) >= options.Value.MaxEndpointsPerCompany)
        {
            return Result<WebhookSecret>.From(Result.Fail(Messages.Say("A company can have at most {0} webhooks. Remove one first.", options.Value.MaxEndpointsPerCompany)));
        }
        var secret = WebhookSigner.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.NewGuid(), CompanyId = actor!.CompanyId, Url = url!, Description = Clean(input.Description), Events = input.Events,
            ProtectedSecret = secrets.Protect(secret), Enabled = true, CreatedByName = actor.Name, CreatedAt = Now,
        };
        db.WebhookEndpoints.Add(endpoint);
        AuditLog.Record(db, Now, actor, endpoint.Id.ToString(), endpoint.Url, AuditAction.WebhookAdded, "Webhook", null,
            $"{endpoint.Url} · {WebhookEventTypes.Describe(endpoint.Events)}");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Webhook {EndpointId} added to company {CompanyId} by {ActorId}", endpoint.Id, endpoint.CompanyId, actorId);
        return Result<WebhookSecret>.Success(new WebhookSecret(endpoint.Id, secret));
    }

    /// <summary>Changes the description and the events; the address stays (a new address is a new endpoint, with a new secret).</summary>
    public async Task<Result> UpdateAsync(string actorId, Guid endpointId, string? description, WebhookEvents events, CancellationToken ct = default)
    {
        var (actor, endpoint, refusal) = await LoadAsync(actorId, endpointId, track: true, ct);
        if (endpoint is null)
        {
            return refusal!;
        }
        if (CheckEvents(events) is { } badEvents)
        {
            return badEvents;
        }
        if (CheckDescription(description) is { } badDescription)
        {
            return badDescription;
        }
        var clean = Clean(description);
        if (endpoint.Events != events)
        {
            AuditLog.Record(db, Now, actor!, endpoint.Id.ToString(), endpoint.Url, AuditAction.WebhookChanged, "Webhook events",
                WebhookEventTypes.Describe(endpoint.Events), WebhookEventTypes.Describe(events));
            endpoint.Events = events;
        }
        if (endpoint.Description != clean)
        {
            AuditLog.Record(db, Now, actor!, endpoint.Id.ToString(), endpoint.Url, AuditAction.WebhookChanged, "Webhook description", endpoint.Description, clean);
            endpoint.Description = clean;
        }
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    public async Task<Result> SetEnabledAsync(string actorId, Guid endpointId, bool enabled, CancellationToken ct = default)
    {
        var (actor, endpoint, refusal) = await LoadAsync(actorId, endpointId, track: true, ct);
        if (endpoint is null)
        {
            return refusal!;
        }
        if (endpoint.Enabled != enabled)
        {
            AuditLog.Record(db, Now, actor!, endpoint.Id.ToString(), endpoint.Url, AuditAction.WebhookChanged, "Webhook",
                endpoint.Enabled ? "Enabled" : "Disabled", enabled ? "Enabled" : "Disabled");
            endpoint.Enabled = enabled;
            await db.SaveChangesAsync(ct);
        }
        return Result.Ok;
    }

    /// <summary>A new signing secret, shown once; the old one stops signing at once.</summary>
    public async Task<Result<WebhookSecret>> RotateSecretAsync(string actorId, Guid endpointId, CancellationToken ct = default)
    {
        var (actor, endpoint, refusal) = await LoadAsync(actorId, endpointId, track: true, ct);
        if (endpoint is null)
        {
            return Result<WebhookSecret>.From(refusal!);
        }
        var secret = WebhookSigner.NewSecret();
        endpoint.ProtectedSecret = secrets.Protect(secret);
        AuditLog.Record(db, Now, actor!, endpoint.Id.ToString(), endpoint.Url, AuditAction.WebhookChanged, "Webhook signing secret", "(previous)", "(new secret)");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Webhook {EndpointId} secret replaced by {ActorId}", endpoint.Id, actorId);
        return Result<WebhookSecret>.Success(new WebhookSecret(endpoint.Id, secret));
    }

    public async Task<Result> RemoveAsync(string actorId, Guid endpointId, CancellationToken ct = default)
    {
        var (actor, endpoint, refusal) = await LoadAsync(actorId, endpointId, track: true, ct);
        if (endpoint is null)
        {
            return refusal!;
        }
        // Its deliveries go with it (cascade): nothing is sent to an endpoint that was removed.
        db.WebhookEndpoints.Remove(endpoint);
        AuditLog.Record(db, Now, actor!, endpoint.Id.ToString(), endpoint.Url, AuditAction.WebhookRemoved, "Webhook",
            $"{endpoint.Url} · {WebhookEventTypes.Describe(endpoint.Events)}", null);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Webhook {EndpointId} removed by {ActorId}", endpoint.Id, actorId);
        return Result.Ok;
    }

    /// <summary>
    /// Queues the same event (same id, same body, so a receiver can drop a duplicate) once more, due now, with a fresh
    /// 24 hours of retries; the earlier row stays in the log as it was.
    /// </summary>
    public async Task<Result> ResendAsync(string actorId, long deliveryId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (!CanManage(actor))
        {
            return NotAllowed;
        }
        var original = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.CompanyId == actor!.CompanyId, ct);
        if (original is null)
        {
            return Result.Fail(Messages.Say("This delivery no longer exists."));
        }
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == original.EndpointId && e.CompanyId == actor!.CompanyId && e.Enabled, ct))
        {
            return Result.Fail(Messages.Say("Enable the webhook before resending."));
        }
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            EndpointId = original.EndpointId, CompanyId = original.CompanyId, Event = original.Event, EventId = original.EventId, Payload = original.Payload,
            CreatedAt = Now, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = Now,
        });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Webhook delivery {DeliveryId} resent by {ActorId}", deliveryId, actorId);
        return Result.Ok;
    }

    private async Task<(Actor? Actor, WebhookEndpoint? Endpoint, Result? Refusal)> LoadAsync(string actorId, Guid endpointId, bool track, CancellationToken ct)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (!CanManage(actor))
        {
            return (null, null, NotAllowed);
        }
        var set = track ? db.WebhookEndpoints : db.WebhookEndpoints.AsNoTracking();
        // Another company's endpoint is "no longer exists", exactly like one that never did.
        var endpoint = await set.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == actor!.CompanyId, ct);
        return endpoint is null ? (actor, null, Gone) : (actor, endpoint, null);
    }

    private async Task<(string? Url, Result? Invalid)> CheckAsync(WebhookInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var allowLoopback = options.Value.AllowLoopback;
        if (WebhookAddressGuard.CheckUrl(input.Url, allowLoopback, out var uri) is { } badUrl)
        {
            errors["Url"] = badUrl;
        }
        else if (await ResolvesToRefusedAsync(uri!, allowLoopback, ct) is { } refused)
        {
            errors["Url"] = refused;
        }
        if (CheckDescription(input.Description) is { } badDescription)
        {
            errors["Description"] = badDescription.FieldErrors["Description"];
        }
        if (CheckEvents(input.Events) is { } badEvents)
        {
            errors["Events"] = badEvents.FieldErrors["Events"];
        }
        return errors.Count > 0 ? (null, Result.Invalid(errors)) : (uri!.AbsoluteUri, null);
    }

    /// <summary>
    /// What the name resolves to now. A name that does not resolve (yet) is accepted — its deliveries will fail and be
    /// retried — because the guard at connect time decides in the end.
    /// </summary>
    private static async Task<string?> ResolvesToRefusedAsync(Uri uri, bool allowLoopback, CancellationToken ct)
    {
        if (uri.HostNameType != UriHostNameType.Dns || WebhookAddressGuard.IsLoopbackName(uri.Host))
        {
            return null;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            foreach (var address in await Dns.GetHostAddressesAsync(uri.Host, timeout.Token))
            {
                if (WebhookAddressGuard.Refusal(address, allowLoopback) is { } why)
                {
                    return Messages.Say("{0} resolves to {1}; webhooks only reach public internet addresses.", uri.Host, why);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
        }
        return null;
    }

    private static Result? CheckEvents(WebhookEvents events) =>
        (events & ~WebhookEventTypes.All) != 0 ? Result.Invalid("Events", Messages.Say("Choose among the listed events."))
        : events == WebhookEvents.None ? Result.Invalid("Events", Messages.Say("Choose at least one event."))
        : null;

    private static Result? CheckDescription(string? description) =>
        description is { Length: > 0 } && description.Trim().Length > WebhookEndpoint.DescriptionMaxLength
            ? Result.Invalid("Description", Messages.Say("The description must be at most {0} characters.", WebhookEndpoint.DescriptionMaxLength))
            : description?.IndexOfAny(['<', '>']) >= 0 ? Result.Invalid("Description", Messages.Say("The description may not contain < or >."))
            : null;

    private static string? Clean(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    private static WebhookDeliveryRow Row(WebhookDelivery d) => new(d.Id, d.Event, d.EventId, d.Status, d.Attempts, d.LastStatusCode, d.LastDurationMs,
        d.LastError, d.CreatedAt, d.LastAttemptAt, d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null);
}
