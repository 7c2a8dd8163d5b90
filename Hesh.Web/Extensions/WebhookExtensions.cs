using Hesh.Core.Webhooks;
using Hesh.Web.Webhooks;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class WebhookExtensions
{
    /// <summary>
    /// The web half of webhooks: secrets protected by Data Protection, deliveries sent by a named client whose handler
    /// follows no redirect and dials only public addresses, and the loop that runs the dispatcher on this node.
    /// </summary>
    public static IServiceCollection AddHeshWebhooks(this IServiceCollection services)
    {
        // Loopback receivers are for a developer's own machine: a stray setting on a server must not open them.
        services.AddOptions<WebhookOptions>().PostConfigure<Microsoft.Extensions.Hosting.IHostEnvironment>((o, env) => o.AllowLoopback &= env.IsDevelopment());
        services.AddSingleton<IWebhookSecrets, DataProtectionWebhookSecrets>();
        services.AddHttpClient<IWebhookSender, HttpWebhookSender>((sp, client) =>
            {
                client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Hesh-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookHttp.CreateHandler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowLoopback));
        services.AddHostedService<WebhookDeliveryLoop>();
        return services;
    }
}
