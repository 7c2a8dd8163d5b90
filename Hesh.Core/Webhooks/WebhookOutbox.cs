using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hesh.Core.Audit;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hesh.Core.Webhooks;

/// <summary>The body of every delivery, as docs/webhooks.md documents it.</summary>
public sealed record WebhookPayload(Guid Id, string Type, string CreatedAt, Guid CompanyId, WebhookPayloadData Data)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static WebhookPayload? Parse(string json) => JsonSerializer.Deserialize<WebhookPayload>(json, Json);
}

public sealed record WebhookPayloadData(string UserId, string FullName, string Change, string? Before, string? After, string Actor);

/// <summary>
/// The outbox: while a unit of work saves, each audit entry it adds that tells of a webhook event becomes one
/// <see cref="WebhookDelivery"/> row per enabled, subscribed endpoint of that company — in the same SaveChanges, so the
/// row commits with the change or not at all (a rolled-back change is never told). A save without such entries costs
/// a scan of the added entries; one with them, one indexed query of the company's enabled endpoints. After the commit
/// it wakes the dispatcher.
/// </summary>
public sealed class WebhookOutbox(WebhookSignal signal, TimeProvider clock) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, Queued> ByContext = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Events(context) is { Count: > 0 } events)
        {
            var companies = events.Select(e => e.Entry.CompanyId).Distinct().ToList();
            Enqueue(context, events, context.Set<WebhookEndpoint>().AsNoTracking().Where(e => companies.Contains(e.CompanyId) && e.Enabled)
                .Select(e => new Subscriber(e.Id, e.CompanyId, e.Events)).ToList());
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Events(context) is { Count: > 0 } events)
        {
            var companies = events.Select(e => e.Entry.CompanyId).Distinct().ToList();
            Enqueue(context, events, await context.Set<WebhookEndpoint>().AsNoTracking().Where(e => companies.Contains(e.CompanyId) && e.Enabled)
                .Select(e => new Subscriber(e.Id, e.CompanyId, e.Events)).ToListAsync(cancellationToken));
        }
        return result;
    }

    private static List<(AuditEntry Entry, WebhookEvents Events)> Events(DbContext context)
    {
        var found = new List<(AuditEntry, WebhookEvents)>();
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State == EntityState.Added && WebhookEventTypes.For(entry.Entity.Action) is not WebhookEvents.None and var events)
            {
                found.Add((entry.Entity, events));
            }
        }
        return found;
    }

    private sealed record Subscriber(Guid Id, Guid CompanyId, WebhookEvents Events);

    private void Enqueue(DbContext context, List<(AuditEntry Entry, WebhookEvents Events)> events, List<Subscriber> subscribers)
    {
        if (subscribers.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var deliveries = context.Set<WebhookDelivery>();
        var added = 0;
        foreach (var (entry, kinds) in events)
        {
            foreach (var kind in WebhookEventTypes.Split(kinds))
            {
                var to = subscribers.Where(s => s.CompanyId == entry.CompanyId && s.Events.HasFlag(kind)).ToList();
                if (to.Count == 0)
                {
                    continue;
                }
                var at = DateTime.SpecifyKind(entry.At == default ? now : entry.At, DateTimeKind.Utc);
                var payload = new WebhookPayload(Guid.NewGuid(), WebhookEventTypes.Name(kind), at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), entry.CompanyId,
                    new WebhookPayloadData(entry.SubjectId, entry.SubjectName, entry.What, entry.Before, entry.After, entry.ActorName));
                var body = payload.Serialize();
                foreach (var subscriber in to)
                {
                    deliveries.Add(new WebhookDelivery
                    {
                        EndpointId = subscriber.Id, CompanyId = entry.CompanyId, Event = payload.Type, EventId = payload.Id, Payload = body,
                        CreatedAt = now, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now,
                    });
                    added++;
                }
            }
        }
        if (added > 0)
        {
            ByContext.GetOrCreateValue(context).Count += added;
        }
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Saved(DbContext? context)
    {
        // Inside a transaction the rows are not visible yet: the commit wakes the dispatcher instead.
        if (context is not null && context.Database.CurrentTransaction is null && Take(context) > 0)
        {
            signal.Notify();
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && Take(context) > 0)
        {
            signal.Notify();
        }
    }

    private static void Forget(DbContext? context) => _ = context is null ? 0 : Take(context);

    private static int Take(DbContext context)
    {
        if (!ByContext.TryGetValue(context, out var queued))
        {
            return 0;
        }
        var count = queued.Count;
        queued.Count = 0;
        return count;
    }

    private sealed class Queued
    {
        public int Count { get; set; }
    }
}
