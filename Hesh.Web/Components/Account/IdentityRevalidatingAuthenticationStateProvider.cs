using System.Security.Claims;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hesh.Web.Components.Account;

/// <summary>
/// Owns the circuit's refresh: revalidates an open circuit's user against the store every 30 s, and at once when the
/// circuit's live component (<see cref="Hesh.Web.Live.LiveRefresh"/>) hears of a change. A changed security stamp
/// (password set by an admin, inactivation), a status other than Active or an ended session signs the circuit out.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    /// <summary>
    /// Re-reads the user now, not at the next revalidation: still valid → the same identity is announced again so every
    /// authorization check of the circuit re-runs against the store; no longer valid → the circuit is signed out.
    /// </summary>
    public async Task RefreshAsync()
    {
        var current = await GetAuthenticationStateAsync();
        var valid = await ValidateAuthenticationStateAsync(current, CancellationToken.None);
        var state = valid ? current : new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()));
        SetAuthenticationState(Task.FromResult(new AuthenticationState(state.User)));
    }

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<HeshUser>>();
        var user = await userManager.GetUserAsync(authenticationState.User);
        if (user is not { Status: UserStatus.Active })
        {
            return false;
        }
        var principalStamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        if (principalStamp != await userManager.GetSecurityStampAsync(user))
        {
            return false;
        }
        var check = await scope.ServiceProvider.GetRequiredService<Hesh.Core.Sessions.SessionService>()
            .CheckAsync(SessionCookie.SessionOf(authenticationState.User), user.Id, cancellationToken);
        return check.Open;
    }
}
