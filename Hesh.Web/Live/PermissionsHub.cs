using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Hesh.Core.Common;
using Hesh.Core.Common.Telemetry;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;
using Hesh.Core.Users;
using Hesh.Web.Preferences;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;

namespace Hesh.Web.Live;

/// <summary>What a non-browser client (the mobile app) receives: the user's effective access, whole, with its version.</summary>
/// <param name="Reason">
/// On a pushed change, who changed what ("Olga Owner: Analytics (mobile access) switched on"), worded for the
/// connection: in the language the request that opened it resolved (the account's saved language, else the company's,
/// else Accept-Language) and with times on the account's clock (its zone, else the company's, else UTC). Null on
/// connect and from <c>Current()</c>. Text to show, not to parse: the sets and the version are the contract.
/// </param>
public sealed record PermissionsSnapshot(string UserId, int Version, bool IsAdmin, string Status,
    IReadOnlyList<string> Web, string WebTaskScope, IReadOnlyList<string> Mobile, string MobileTaskScope, string? Reason)
{
    /// <summary>Set on pushed changes: the client calls <c>Acknowledge(receipt)</c> once it has applied them, which is what the admin's receipt counts.</summary>
    public string? Receipt { get; init; }

    public static PermissionsSnapshot Of(Actor actor, string? reason) => new(actor.Id, actor.Version, actor.IsAdmin, actor.Status.ToString(),
        actor.Web.Keys.Select(k => k.ToString()).ToList(), actor.Web.TaskScope.ToString(),
        actor.Mobile.Keys.Select(k => k.ToString()).ToList(), actor.Mobile.TaskScope.ToString(), reason);
}

/// <summary>
/// /hubs/permissions: authenticated only; each connection joins its own user's group, chosen by the server from
/// the authenticated identity (clients cannot name a group). Receives "PermissionsChanged"; acknowledges a pushed
/// change with "Acknowledge".
/// </summary>
[Authorize]
public sealed class PermissionsHub(ActorCache actors, HubConnections connections, LivePresence presence) : Hub
{
    public const string Path = "/hubs/permissions";
    public const string PermissionsChanged = nameof(PermissionsChanged);

    public static string GroupOf(string userId) => $"user:{userId}";

    public override async Task OnConnectedAsync()
    {
        var userId = Context.User?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        // Registered before the user is read: a session-ending change from now on finds this connection.
        connections.Add(userId, Context, HubReader.Of(Context.GetHttpContext()));
        actors.Invalidate(userId);
        var actor = await actors.GetAsync(userId);
        if (actor is not { Status: UserStatus.Active })
        {
            Context.Abort();
            return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(actor.Id));
        // The current state at once, so a client never acts on what it had before connecting.
        await Clients.Caller.SendAsync(PermissionsChanged, PermissionsSnapshot.Of(actor, null));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context);
        return Task.CompletedTask;
    }

    /// <summary>The client has applied the pushed snapshot carrying <paramref name="receipt"/>: it counts in the admin's receipt.</summary>
    public void Acknowledge(string receipt)
    {
        if (Context.User?.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } userId && receipt is { Length: <= 64 })
        {
            presence.Acknowledged(userId, Context.ConnectionId, receipt);
        }
    }

    /// <summary>The current snapshot, on demand (after a reconnect, say).</summary>
    public async Task<PermissionsSnapshot?> Current()
    {
        var actor = await actors.GetAsync(Context.User?.FindFirstValue(ClaimTypes.NameIdentifier));
        return actor is null ? null : PermissionsSnapshot.Of(actor, null);
    }
}

/// <summary>Forwards each committed access change to the affected user's hub connections.</summary>
internal sealed class HubChangeForwarder(AccessNotifier changes, ActorCache actors, IHubContext<PermissionsHub> hub,
    HubConnections connections, LivePresence presence, ILogger<HubChangeForwarder> logger) : IHostedService
{
    private readonly System.Threading.Channels.Channel<AccessChanged> _queue =
        System.Threading.Channels.Channel.CreateUnbounded<AccessChanged>(new() { SingleReader = true });
    private IDisposable? _subscription;
    private Task? _pump;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = changes.SubscribeNode(change =>
        {
            _queue.Writer.TryWrite(change);
            return Task.CompletedTask;
        });
        // One at a time, in commit order: a client never receives an older snapshot after a newer one.
        _pump = Task.Run(async () =>
        {
            await foreach (var change in _queue.Reader.ReadAllAsync())
            {
                await ForwardAsync(change);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ForwardAsync(AccessChanged change)
    {
        if (change.Kind == AccessChangeKind.Resync)
        {
            // The bus was down: changes made on other nodes meanwhile never arrived. Every client here re-reads.
            foreach (var userId in connections.UserIds)
            {
                await ForwardAsync(change with { UserId = userId, Kind = AccessChangeKind.Permissions });
            }
            return;
        }
        if (change.IsBusEvent || change.IsCompanyWide)
        {
            return;
        }
        try
        {
            var actor = await actors.GetAsync(change.UserId);
            if (actor is null)
            {
                return;
            }
            var snapshot = PermissionsSnapshot.Of(actor, null) with { Receipt = presence.Pushing(change) };
            // Every node hears every change and pushes to its own connections only (without a trip through Redis),
            // so a client gets each change once, and acknowledges it to the node it is connected to. The reason is
            // worded once per language and zone among them, not once per connection.
            foreach (var (reader, connectionIds) in connections.ReadersOf(change.UserId))
            {
                var worded = snapshot with { Reason = reader.Reason(change) };
                foreach (var connectionId in connectionIds)
                {
                    await hub.Clients.Client(connectionId).SendAsync(PermissionsHub.PermissionsChanged, worded);
                }
            }
            // Inactivated, a password set by an admin, or sessions signed out: those connections' sign-ins are no longer valid.
            connections.AbortEnded(change);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not forward an access change of {UserId} to the hub", change.UserId);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _queue.Writer.TryComplete();
        if (_pump is not null)
        {
            await _pump.WaitAsync(cancellationToken);
        }
    }
}

/// <summary>The open hub connections of each user on this node, so a change reaches them and a session-ending one closes them; each is told to the presence of all nodes.</summary>
public sealed class HubConnections(LivePresence presence, HeshMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<string, Connection> _byConnection = new();
    // Indexed by user: a change looks up its user's few connections, not every connection of the node.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Connection>> _byUser = new();

    public int Count => _byConnection.Count;

    public int CountOf(string userId) => _byUser.TryGetValue(userId, out var mine) ? mine.Count : 0;

    public bool HasSession(string sessionId) => _byConnection.Values.Any(c => c.SessionId == sessionId);

    public IReadOnlyList<string> ConnectionIdsOf(string userId) => _byUser.TryGetValue(userId, out var mine) ? [.. mine.Keys] : [];

    /// <summary>The user's connections on this node, grouped by how each reads: its language and zone.</summary>
    public IReadOnlyList<(HubReader Reader, IReadOnlyList<string> ConnectionIds)> ReadersOf(string userId) =>
        _byUser.TryGetValue(userId, out var mine)
            ? [.. mine.Values.GroupBy(c => c.Reader).Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(c => c.Context.ConnectionId)]))]
            : [];

    public IReadOnlyCollection<string> UserIds => [.. _byUser.Where(u => u.Key.Length > 0 && !u.Value.IsEmpty).Select(u => u.Key)];

    public void Add(string userId, HubCallerContext context, HubReader? reader = null)
    {
        var connection = new Connection(userId, Components.Account.SessionCookie.SessionOf(context.User), context, reader ?? HubReader.English);
        _byConnection[context.ConnectionId] = connection;
        while (true)
        {
            var mine = _byUser.GetOrAdd(userId, _ => new());
            mine[context.ConnectionId] = connection;
            // The user's last connection may have gone at this moment, taking the entry: then add to a fresh one.
            if (_byUser.TryGetValue(userId, out var current) && ReferenceEquals(current, mine))
            {
                break;
            }
        }
        presence.HubConnected(userId, context.ConnectionId, connection.SessionId);
        metrics?.HubConnected();
    }

    public void Remove(HubCallerContext context)
    {
        if (!_byConnection.TryRemove(context.ConnectionId, out var connection))
        {
            presence.HubDisconnected(context.ConnectionId);
            return;
        }
        metrics?.HubDisconnected();
        if (_byUser.TryGetValue(connection.UserId, out var mine))
        {
            mine.TryRemove(context.ConnectionId, out _);
            if (mine.IsEmpty)
            {
                // Removed only if still empty: a connection added meanwhile keeps its user's entry.
                _byUser.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, Connection>>(connection.UserId, mine));
            }
        }
        presence.HubDisconnected(context.ConnectionId);
    }

    public void AbortEnded(AccessChanged change)
    {
        foreach (var connection in _byUser.TryGetValue(change.UserId, out var mine) ? mine.Values : [])
        {
            if (change.Ends(connection.SessionId))
            {
                connection.Context.Abort();
            }
        }
    }

    private sealed record Connection(string UserId, string? SessionId, HubCallerContext Context, HubReader Reader);
}

/// <summary>
/// How one hub connection reads a change: the language and the zone of the request that opened it, so a pushed
/// reason is worded for its reader as a tab's notice is (a change of language shows after reconnecting, as a tab's
/// after a reload).
/// </summary>
public sealed record HubReader(CultureInfo Language, TimeZoneInfo Zone)
{
    public static HubReader English { get; } = new(Languages.Culture(Languages.English), TimeZoneInfo.Utc);

    /// <summary>
    /// What request localisation resolved for <paramref name="http"/> (it runs before the hub: the account's saved
    /// language, the company's, then Accept-Language) and the zone the same preferences query read; UTC without one.
    /// </summary>
    public static HubReader Of(HttpContext? http)
    {
        var language = http?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? English.Language;
        // The culture provider has asked already: this is the answer it got, never another query.
        var preferences = RequestPreferences.Known(http) is { IsCompletedSuccessfully: true } known ? known.Result : null;
        var zone = preferences is null ? TimeZoneInfo.Utc : TimeZones.Resolve(preferences.TimeZone, preferences.CompanyTimeZone);
        return new HubReader(Languages.Culture(language.Name), zone);
    }

    /// <summary>"Olga Owner: …" with the change worded in this reader's language and zone.</summary>
    public string Reason(AccessChanged change)
    {
        using (Languages.Speak(Language.Name))
        {
            return $"{change.ActorName}: {change.Words(Zone)}";
        }
    }
}
