using Hesh.Core.Common;

namespace Hesh.Web.Live;

/// <summary>
/// Per circuit: the latest change of the signed-in user's own access, and an event the menu and pages listen to.
/// Raised by <see cref="LiveRefresh"/> on the circuit's own dispatcher, so listeners may render directly.
/// </summary>
public sealed class LiveState
{
    public AccessChanged? LastChange { get; private set; }
    public DateTime? LastChangeAt { get; private set; }

    public event Func<AccessChanged, Task>? Changed;

    /// <summary>Leaving the page the change took away: the next notice must not blame an old change.</summary>
    public void Forget()
    {
        LastChange = null;
        LastChangeAt = null;
    }

    public async Task PublishAsync(AccessChanged change, DateTime at)
    {
        // A request's news is not a change of access: a lost page's notice must still name what took it away.
        if (change.Kind != AccessChangeKind.Requests)
        {
            LastChange = change;
            LastChangeAt = at;
        }
        foreach (var handler in Changed?.GetInvocationList().Cast<Func<AccessChanged, Task>>() ?? [])
        {
            await handler(change);
        }
    }
}
