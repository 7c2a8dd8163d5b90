using Hesh.Core.Data;
using Hesh.Core.Grants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hesh.Core.Webhooks;

/// <summary>
/// Forgets answered deliveries (delivered or failed) once they are older than <see cref="WebhookOptions.KeepDeliveriesFor"/>,
/// so the log keeps a month of history and the table does not grow for ever. Pending ones are never touched. Runs in the
/// expiry loop, at most once per <see cref="Every"/> on each node; two nodes deleting the same old rows is harmless.
/// </summary>
public sealed class WebhookRetention(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, ILogger<WebhookRetention> logger) : IExpiringWork
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    private DateTime _lastRun = DateTime.MinValue;

    public async Task<int> RunDueAsync(DateTime now, CancellationToken ct = default)
    {
        if (now - _lastRun < Every)
        {
            return 0;
        }
        _lastRun = now;
        var cutoff = now - options.Value.KeepDeliveriesFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeshDbContext>();
        var removed = await db.WebhookDeliveries
            .Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CreatedAt < cutoff)
            .ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} webhook deliveries older than {Cutoff}", removed, cutoff);
        }
        return removed;
    }
}
