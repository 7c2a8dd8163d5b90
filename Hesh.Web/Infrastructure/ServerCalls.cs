using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// How components call Hesh.Core: each call runs in its own DI scope, so it gets its own DbContext and
/// UserManager. A circuit lives for minutes and renders concurrently (menu, page, dialogs); one shared context
/// per circuit would be used by two operations at once and would serve stale entities.
/// </summary>
public sealed class ServerCalls(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, NavigationManager navigation)
{
    /// <summary>Runs <paramref name="call"/> with a fresh <typeparamref name="TService"/> and the signed-in user's id.</summary>
    public async Task<T> Run<TService, T>(Func<TService, string, Task<T>> call) where TService : notnull
    {
        var actorId = await CurrentUserIdAsync();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<LinkBase>().Uri = TryBaseUri();
        return await call(scope.ServiceProvider.GetRequiredService<TService>(), actorId);
    }

    public async Task<string> CurrentUserIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
    }

    private string? TryBaseUri()
    {
        try
        {
            return navigation.BaseUri;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>The address the current user browses, handed from the circuit to the scope of a call.</summary>
public sealed class LinkBase
{
    public string? Uri { get; set; }
}
