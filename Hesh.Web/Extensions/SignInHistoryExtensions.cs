using Hesh.Core.SignIns;
using Hesh.Web.Components.Account;
using Hesh.Web.Infrastructure;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class SignInHistoryExtensions
{
    /// <summary>The web side of the sign-in history: who the current client is, and the daily deletion of old attempts.</summary>
    public static IServiceCollection AddHeshSignInHistory(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentClient, HttpCurrentClient>();
        services.AddHostedService<SignInHistoryCleanup>();
        return services;
    }
}
