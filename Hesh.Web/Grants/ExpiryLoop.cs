using Hesh.Core.Grants;
using Microsoft.Extensions.Options;

namespace Hesh.Web.Grants;

public sealed class ExpiryOptions
{
    /// <summary>How often every node looks for what is due (Hesh:Access:ExpiryInterval): a grant ends at most about twice this late.</summary>
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Runs every registered <see cref="IExpiringWork"/> (temporary grants, unanswered access requests) on every node, on a
/// timer driven by the host's <see cref="TimeProvider"/>. What is due is read from the store each time, so a restart
/// loses nothing; each piece is safe when two nodes run it at once. One piece failing is logged and the others — and the
/// next tick — go on.
/// </summary>
internal sealed class ExpiryLoop(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ExpiryOptions> options, ILogger<ExpiryLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.ExpiryInterval > TimeSpan.Zero ? options.Value.ExpiryInterval : TimeSpan.FromSeconds(15);
        using var timer = new PeriodicTimer(period, clock);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await Tick(timer, stoppingToken));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One pass over every piece of expiring work, each in a scope (a unit of work) of its own.</summary>
    internal async Task RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int count;
        await using (var scope = scopes.CreateAsyncScope())
        {
            count = scope.ServiceProvider.GetServices<IExpiringWork>().Count();
        }
        for (var i = 0; i < count && !ct.IsCancellationRequested; i++)
        {
            // One piece's failed unit of work leaves nothing behind for the next.
            await using var scope = scopes.CreateAsyncScope();
            var work = scope.ServiceProvider.GetServices<IExpiringWork>().ElementAt(i);
            try
            {
                var ended = await work.RunDueAsync(now, ct);
                if (ended > 0)
                {
                    logger.LogInformation("{Work} ended {Count} item(s) due by {Now}", work.GetType().Name, ended, now);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "{Work} failed; the loop goes on and retries at the next tick", work.GetType().Name);
            }
        }
    }
}
