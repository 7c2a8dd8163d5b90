using System.Security.Claims;
using Hesh.Core.Common;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hesh.Web.Components.Account;

/// <summary>
/// The circuit's authentication, kept true to the store: it revalidates every 30 s, and — the live part — it holds
/// the circuit's subscription to changes of its signed-in user, so a change re-reads the user at once. A changed
/// security stamp (password set by an admin, inactivation), a status other than Active or an ended session signs the
/// circuit out; anything else re-announces the same identity, so every authorization check of the circuit re-runs.
/// The circuit's visible part (<see cref="Hesh.Web.Live.LiveRefresh"/>) takes each change on its own dispatcher
/// through <see cref="OnAccessChanged"/>; without it, the provider refreshes by itself.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider, Hesh.Web.Live.ILiveAccessFeed
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly Hesh.Web.Live.SignedInUserChanges _changes;

    public IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, AccessNotifier notifier) : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options;
        _changes = new Hesh.Web.Live.SignedInUserChanges(notifier, OnChangeAsync);
        AuthenticationStateChanged += _changes.Follow;
    }

    public Func<AccessChanged, Task>? OnAccessChanged { get; set; }

    private Task OnChangeAsync(AccessChanged change)
    {
        // An outage changes nothing of this user; the cache has stopped caching, which is all it takes.
        if (change.Kind == AccessChangeKind.Outage)
        {
            return Task.CompletedTask;
        }
        return OnAccessChanged is { } handler ? handler(change) : RefreshAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= _changes.Follow;
            _changes.Dispose();
        }
        base.Dispose(disposing);
    }

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
