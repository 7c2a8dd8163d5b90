using Hesh.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hesh.Core.Webhooks;

/// <summary>
/// Sends due deliveries. Safe on many nodes at once: a row is claimed by a conditional UPDATE that moves its
/// NextAttemptAt forward by the lease (only the node whose UPDATE changed one row sends it), and the outcome is written
/// only while that lease is still the row's. A node that dies mid-delivery loses nothing: the row becomes due again
/// when the lease ends. 2xx is Delivered; anything else is retried with backoff until <see cref="WebhookOptions.RetryFor"/>
/// after the event, then Failed.
/// </summary>
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
{
    public const int BatchSize = 20;

    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
        TimeSpan.FromHours(2), TimeSpan.FromHours(4),
    ];

    /// <summary>The wait after the n-th failed attempt (1-based): 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then 4 h.</summary>
    public static TimeSpan DelayAfter(int attempts) => Backoff[Math.Clamp(attempts - 1, 0, Backoff.Length - 1)];

    /// <summary>The most rows of one endpoint a round sends: one slow or hung receiver never holds a round for everyone.</summary>
    public const int PerEndpoint = 2;

    /// <summary>
    /// Claims and sends up to <see cref="BatchSize"/> due rows, at most <see cref="PerEndpoint"/> of any endpoint, the
    /// endpoints longest waiting first — fair between companies: one that floods its own (or a hung) receiver waits on
    /// itself, not on others. Returns how many it sent (or gave up on).
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = new List<(long Id, DateTime Seen)>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeshDbContext>();
            var pending = db.WebhookDeliveries.AsNoTracking().Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now);
            var endpoints = (await pending.GroupBy(d => d.EndpointId).Select(g => new { Endpoint = g.Key, Oldest = g.Min(d => d.NextAttemptAt) })
                .ToListAsync(ct)).OrderBy(e => e.Oldest).Take(BatchSize).Select(e => e.Endpoint).ToList();
            foreach (var endpoint in endpoints)
            {
                due.AddRange((await pending.Where(d => d.EndpointId == endpoint).OrderBy(d => d.NextAttemptAt).Take(PerEndpoint)
                    .Select(d => new { d.Id, d.NextAttemptAt }).ToListAsync(ct)).Select(d => (d.Id, d.NextAttemptAt)));
            }
        }
        if (due.Count == 0)
        {
            return 0;
        }
        var sent = 0;
        // Waiting on receivers, not on this machine: many at once cost little, and a hung one holds only its own slot.
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (row, token) =>
        {
            if (await DeliverAsync(row.Id, row.Seen, token))
            {
                Interlocked.Increment(ref sent);
            }
        });
        return sent;
    }

    private async Task<bool> DeliverAsync(long id, DateTime seen, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeshDbContext>();
        var now = Stored(clock.GetUtcNow().UtcDateTime);
        var lease = now + options.Value.Lease;
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt == seen)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, lease), ct);
        if (claimed != 1)
        {
            return false; // another node has it
        }
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, ct);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, ct);
        if (endpoint is null || !endpoint.Enabled)
        {
            await FinishAsync(db, id, lease, WebhookDeliveryStatus.Failed, delivery.Attempts, now, now, null, null,
                "Not sent: the endpoint was disabled.", null, ct);
            return true;
        }
        var started = clock.GetTimestamp();
        WebhookResponse response;
        try
        {
            var secret = scope.ServiceProvider.GetRequiredService<IWebhookSecrets>().Unprotect(endpoint.ProtectedSecret);
            var headers = new Dictionary<string, string>
            {
                [WebhookSigner.SignatureHeader] = WebhookSigner.Header(secret, clock.GetUtcNow().ToUnixTimeSeconds(), delivery.Payload),
                [WebhookSigner.EventHeader] = delivery.Event,
                [WebhookSigner.DeliveryHeader] = delivery.EventId.ToString(),
            };
            response = await scope.ServiceProvider.GetRequiredService<IWebhookSender>().SendAsync(new Uri(endpoint.Url), delivery.Payload, headers, ct);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            // A key ring that lost the secret's key: retried like any failure (it may come back), Failed after 24 h.
            response = new WebhookResponse(null, "Not sent: the signing secret cannot be read; replace it (New signing secret).");
            logger.LogError(ex, "Webhook endpoint {EndpointId}: signing secret cannot be unprotected", endpoint.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            response = new WebhookResponse(null, "Not sent: " + ex.GetType().Name);
            logger.LogWarning(ex, "Webhook delivery {DeliveryId} to endpoint {EndpointId} threw", id, endpoint.Id);
        }
        var duration = (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds);
        var attempts = delivery.Attempts + 1;
        var after = Stored(clock.GetUtcNow().UtcDateTime);
        var deadline = Stored(delivery.CreatedAt + options.Value.RetryFor);
        var (status, next) = response.Succeeded ? (WebhookDeliveryStatus.Delivered, after)
            : after >= deadline ? (WebhookDeliveryStatus.Failed, after)
            : (WebhookDeliveryStatus.Pending, Min(after + DelayAfter(attempts), deadline));
        var error = response.Succeeded ? null : Clip(response.Error ?? $"The receiver answered HTTP {response.StatusCode}.");
        await FinishAsync(db, id, lease, status, attempts, after, next, response.StatusCode, duration, error, response.Succeeded ? after : null, ct);
        logger.LogInformation("Webhook delivery {DeliveryId} ({Event}) to endpoint {EndpointId}: attempt {Attempt}, {StatusCode}, {Status}",
            id, delivery.Event, endpoint.Id, attempts, response.StatusCode, status);
        return true;
    }

    private static async Task FinishAsync(HeshDbContext db, long id, DateTime lease, WebhookDeliveryStatus status, int attempts, DateTime at,
        DateTime next, int? code, int? duration, string? error, DateTime? deliveredAt, CancellationToken ct) =>
        // Only while the lease is ours: a node that outlived its lease does not overwrite the node that took over.
        await db.WebhookDeliveries.Where(d => d.Id == id && d.NextAttemptAt == lease && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastAttemptAt, at)
                .SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.LastStatusCode, code).SetProperty(d => d.LastDurationMs, duration)
                .SetProperty(d => d.LastError, error).SetProperty(d => d.DeliveredAt, deliveredAt), ct);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>
    /// Whole milliseconds: PostgreSQL keeps microseconds and SQLite ticks, and the lease is compared for equality with
    /// the value read back, so it must survive the round trip unchanged on both.
    /// </summary>
    private static DateTime Stored(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static string Clip(string text) => text.Length > WebhookDelivery.ErrorMaxLength ? text[..(WebhookDelivery.ErrorMaxLength - 1)] + "…" : text;
}

/// <summary>Sends with a client from IHttpClientFactory whose primary handler is <see cref="WebhookHttp.CreateHandler"/>.</summary>
public sealed class HttpWebhookSender(HttpClient client) : IWebhookSender
{
    public async Task<WebhookResponse> SendAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        try
        {
            // Headers only: a receiver's body is never read, so a huge or slow one costs nothing.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return new WebhookResponse((int)response.StatusCode, null);
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return new WebhookResponse(null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookResponse(null, $"Could not connect: {ex.HttpRequestError}.");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookResponse(null, $"No answer within {client.Timeout.TotalSeconds:0} s.");
        }
    }

    private static WebhookAddressRefusedException? Refusal(Exception ex) =>
        ex as WebhookAddressRefusedException ?? (ex.InnerException is { } inner ? Refusal(inner) : null);
}
