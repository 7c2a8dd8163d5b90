using System.Security.Claims;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Hesh.Web.Authorization;

public static class PermissionPolicy
{
    public const string Admin = "hesh:admin";
    public const string UsersDirectory = "hesh:users";

    public static string NameOf(PermissionKey key) => $"perm:{key}";
}

/// <summary>Guards a page with a catalogue permission: <c>@attribute [Requires(PermissionKey.CompanyProfile)]</c>.</summary>
public sealed class RequiresAttribute : AuthorizeAttribute
{
    public RequiresAttribute(PermissionKey key)
    {
        Key = key;
        Policy = PermissionPolicy.NameOf(key);
    }

    public PermissionKey Key { get; }
}

public sealed record PermissionRequirement(PermissionKey Key) : IAuthorizationRequirement;

public sealed record ActorRequirement(string Name, Func<Actor, bool> Allows) : IAuthorizationRequirement;

/// <summary>
/// Decides with the user's access as it is in the store now (through <see cref="ActorCache"/>), never with
/// claims frozen into the sign-in cookie: a change counts on the very next check.
/// </summary>
internal sealed class PermissionHandler(ActorCache actors) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        var actor = await actors.GetAsync(context.User.FindFirstValue(ClaimTypes.NameIdentifier));
        if (actor is null)
        {
            return;
        }
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var allowed = requirement switch
            {
                PermissionRequirement p => actor.Has(p.Key),
                ActorRequirement a => a.Allows(actor),
                _ => (bool?)null,
            };
            if (allowed == true)
            {
                context.Succeed(requirement);
            }
        }
    }
}
