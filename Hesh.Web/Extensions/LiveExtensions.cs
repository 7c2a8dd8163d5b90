using Hesh.Core.Common;
using Hesh.Web.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class LiveExtensions
{
    /// <summary>
    /// The live layer: per-circuit state and the SignalR hub. With Hesh:Redis set (several nodes), Redis carries the
    /// SignalR backplane and the change bus between nodes. The data-protection keys live in the database either way.
    /// </summary>
    public static IServiceCollection AddHeshLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<LiveState>();
        services.AddSingleton<HubConnections>();
        services.AddSingleton<LivePresence>();
        services.AddScoped<PresenceCircuitHandler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<PresenceCircuitHandler>());
        services.AddSingleton<Hesh.Core.Users.ILivePresence>(sp => sp.GetRequiredService<LivePresence>());
        services.AddDataProtection().SetApplicationName("Hesh");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        var signalR = services.AddSignalR();
        if (configuration["Hesh:Redis"] is { Length: > 0 } redis)
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            services.AddSingleton<IAccessChanges, RedisAccessChanges>();
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration = options.Clone();
                o.Configuration.ChannelPrefix = RedisChannel.Literal("hesh");
            });
        }
        services.AddHostedService<HubChangeForwarder>();
        return services;
    }

    public static WebApplication MapHeshLive(this WebApplication app)
    {
        app.MapHub<PermissionsHub>(PermissionsHub.Path);
        return app;
    }
}
