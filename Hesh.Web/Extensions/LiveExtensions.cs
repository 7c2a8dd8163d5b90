using Hesh.Web.Live;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class LiveExtensions
{
    /// <summary>The live layer: per-circuit state and the SignalR hub for other clients.</summary>
    public static IServiceCollection AddHeshLive(this IServiceCollection services)
    {
        services.AddScoped<LiveState>();
        services.AddSignalR();
        services.AddSingleton<HubConnections>();
        services.AddHostedService<HubChangeForwarder>();
        return services;
    }

    public static WebApplication MapHeshLive(this WebApplication app)
    {
        app.MapHub<PermissionsHub>(PermissionsHub.Path);
        return app;
    }
}
