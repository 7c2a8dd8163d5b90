using Hesh.Web.Grants;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class GrantExtensions
{
    /// <summary>The loop, on every node, that ends temporary grants and unanswered requests when they are due.</summary>
    public static IServiceCollection AddHeshExpiry(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.Configure<ExpiryOptions>(configuration.GetSection("Hesh:Access"));
        services.AddHostedService<ExpiryLoop>();
        return services;
    }
}
