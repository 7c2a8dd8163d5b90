using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Hesh.Web.Live;

/// <summary>
/// One per circuit: tells <see cref="LivePresence"/> when the browser behind it drops and comes back, so a tab
/// that was closed (its circuit kept by Blazor for a while) no longer counts as an open session in receipts.
/// </summary>
public sealed class PresenceCircuitHandler(LivePresence presence) : CircuitHandler
{
    private bool _connected = true;

    /// <summary>Whether the browser behind this circuit is connected right now (navigation needs it to be).</summary>
    public bool IsConnected => _connected;

    /// <summary>Set by the layout's live component once it has joined the presence.</summary>
    public string? PresenceKey
    {
        get;
        set
        {
            field = value;
            if (value is not null)
            {
                presence.Connected(value, _connected);
            }
        }
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(true);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(false);

    private Task SetAsync(bool connected)
    {
        _connected = connected;
        if (PresenceKey is { } key)
        {
            presence.Connected(key, connected);
        }
        return Task.CompletedTask;
    }
}
