using Hesh.Core.Common;
using Hesh.Web.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class LiveExtensions
{
    /// <summary>
    /// The live layer: per-circuit state and the SignalR hub. With Hesh:Redis set (several nodes), Redis carries the
    /// SignalR backplane, the change bus between nodes and the presence of every node's tabs and connections (the
    /// receipts and open-page warnings). The data-protection keys live in the database either way.
    /// </summary>
    public static IServiceCollection AddHeshLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<LiveState>();
        services.AddSingleton<HubConnections>();
        services.AddSingleton<LivePresence>();
        services.AddSingleton<IPresenceStore>(_ => new InMemoryPresenceStore());
        services.AddScoped<PresenceCircuitHandler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<PresenceCircuitHandler>());
        services.AddSingleton<Hesh.Core.Users.ILivePresence>(sp => sp.GetRequiredService<LivePresence>());
        services.AddHeshLiveGuards(configuration);
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
            services.AddSingleton<IPresenceStore, RedisPresenceStore>();
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration = options.Clone();
                o.Configuration.ChannelPrefix = RedisChannel.Literal("hesh");
            });
        }
        services.AddHostedService<HubChangeForwarder>();
        return services;
    }

    /// <summary>
    /// Who may open a live connection: only Hesh's own pages (<see cref="OwnOrigins"/>) or native clients, and at most
    /// Hesh:Circuits per user or anonymous address. Tabs whose connection dropped are kept fewer and shorter than
    /// Blazor's defaults (100 for 1 minute against 100 for 3 minutes), configurable there too.
    /// </summary>
    private static void AddHeshLiveGuards(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Hesh:Circuits");
        services.Configure<CircuitLimits>(section);
        var limits = section.Get<CircuitLimits>() ?? new CircuitLimits();
        services.Configure<Microsoft.AspNetCore.Components.Server.CircuitOptions>(o =>
        {
            o.DisconnectedCircuitMaxRetained = limits.DisconnectedMaxRetained;
            o.DisconnectedCircuitRetentionPeriod = limits.DisconnectedRetention;
        });
        services.AddSingleton<OwnOrigins>();
        services.AddSingleton<LiveRefusals>();
        services.AddSingleton<CircuitCounter>();
        services.AddSingleton<CircuitCapFilter>();
        services.Configure<HubOptions>(o => o.AddFilter<CircuitCapFilter>());
    }

    public static WebApplication UseHeshLiveGuards(this WebApplication app)
    {
        app.UseMiddleware<LiveGuards>();
        return app;
    }

    public static WebApplication MapHeshLive(this WebApplication app)
    {
        app.MapHub<PermissionsHub>(PermissionsHub.Path);
        return app;
    }
}
