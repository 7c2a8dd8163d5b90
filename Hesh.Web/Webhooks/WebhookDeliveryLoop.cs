using Hesh.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace Hesh.Web.Webhooks;

/// <summary>
/// Runs the dispatcher: at once after a commit that queued deliveries (the outbox's signal), otherwise every
/// <see cref="WebhookOptions.PollInterval"/> — which also picks up rows queued on another node and rows whose lease ended.
/// </summary>
internal sealed class WebhookDeliveryLoop(WebhookDispatcher dispatcher, WebhookSignal signal, IOptions<WebhookOptions> options, ILogger<WebhookDeliveryLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Dispatch)
        {
            logger.LogInformation("Webhook dispatcher is off on this node (Hesh:Webhooks:Dispatch)");
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await dispatcher.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may be away for a moment; the rows wait in it.
                logger.LogError(ex, "Webhook dispatcher failed; retrying at the next poll");
            }
            // A round sends a few rows per endpoint; while it sent any, more may be due at once.
            if (sent > 0)
            {
                continue;
            }
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
