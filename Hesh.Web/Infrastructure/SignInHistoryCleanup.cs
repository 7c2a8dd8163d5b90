using Hesh.Core.SignIns;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// Sign-in attempts are kept <see cref="SignInAttempt.KeptFor"/>: older rows are deleted when the server starts and
/// once a day after. Every node runs it; the delete is one indexed statement, so running it twice costs nothing.
/// </summary>
internal sealed class SignInHistoryCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SignInHistoryCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SignInHistory>().DeleteExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly away; tomorrow's run catches up.
                logger.LogWarning(ex, "Old sign-in attempts could not be deleted");
            }
            await Task.Delay(Interval, clock, stoppingToken);
        }
    }
}
