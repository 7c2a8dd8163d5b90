using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Web.Authorization;
using Microsoft.AspNetCore.Authorization;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class AuthorizationExtensions
{
    /// <summary>One policy per catalogue permission, plus the admin-only and users-directory policies.</summary>
    public static IServiceCollection AddHeshAuthorization(this IServiceCollection services)
    {
        var policies = services.AddAuthorizationBuilder();
        foreach (var permission in PermissionCatalog.All)
        {
            policies.AddPolicy(PermissionPolicy.NameOf(permission.Key), policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(permission.Key)));
        }
        policies.AddPolicy(PermissionPolicy.Admin, policy => policy.RequireAuthenticatedUser()
            .AddRequirements(new ActorRequirement("admin", a => a.IsAdmin && a.Status == UserStatus.Active)));
        policies.AddPolicy(PermissionPolicy.UsersDirectory, policy => policy.RequireAuthenticatedUser()
            .AddRequirements(new ActorRequirement("users", UserAccess.CanListUsers)));
        return services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
    }
}
