using System.Security.Claims;
using Hesh.Core.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace Hesh.Web.Live;

/// <summary>
/// A circuit's subscription to the changes of whoever is signed in on it: it follows the authentication state, so
/// signing in subscribes, signing out unsubscribes, and nobody else's changes ever reach it.
/// </summary>
public sealed class SignedInUserChanges(AccessNotifier notifier, Func<AccessChanged, Task> onChange) : IDisposable
{
    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private string? _userId;
    private bool _disposed;

    public void Follow(Task<AuthenticationState> state)
    {
        if (!state.IsCompletedSuccessfully)
        {
            state.ContinueWith(Follow, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously);
            return;
        }
        var user = state.Result.User;
        var userId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        lock (_gate)
        {
            if (_disposed || userId == _userId)
            {
                return;
            }
            _subscription?.Dispose();
            _userId = userId;
            _subscription = userId is { Length: > 0 } ? notifier.Subscribe(userId, onChange) : null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _subscription?.Dispose();
            _subscription = null;
        }
    }
}

/// <summary>
/// What the circuit's live component needs from whoever owns the circuit's subscription (in Hesh, the revalidating
/// authentication state provider): each change, handed over, and a way to re-read the user now.
/// </summary>
public interface ILiveAccessFeed
{
    /// <summary>Set by the circuit's live component: it shows the change, then calls <see cref="RefreshAsync"/>.</summary>
    Func<AccessChanged, Task>? OnAccessChanged { get; set; }

    Task RefreshAsync();
}
