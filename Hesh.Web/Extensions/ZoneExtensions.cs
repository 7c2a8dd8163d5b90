using Hesh.Web.Preferences;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class ZoneExtensions
{
    /// <summary>The viewer's clock: one per circuit, so the zone is read once, not per time shown.</summary>
    public static IServiceCollection AddHeshZones(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ViewerClock>();
        return services;
    }
}
