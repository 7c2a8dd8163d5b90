using Hesh.Core.Permissions;

namespace Hesh.Web.Live;

public enum PresenceKind
{
    /// <summary>A Blazor circuit: one browser tab.</summary>
    Circuit,
    /// <summary>A connection to <see cref="PermissionsHub"/>: the mobile app, say.</summary>
    Hub,
}

/// <summary>
/// One open tab or app connection as every node sees it: whose it is, on which node it lives, which page it shows (with
/// the permission that page needs) and whether its browser is connected right now.
/// </summary>
public sealed record PresenceEntry(string UserId, PresenceKind Kind, string? SessionId, string Node = "")
{
    public string? Path { get; init; }
    public PermissionKey? Requires { get; init; }
    public bool Connected { get; init; } = true;
}

/// <summary>
/// Where presence and acknowledgements are kept: in this process for one node (<see cref="InMemoryPresenceStore"/>),
/// in Redis for several (<see cref="RedisPresenceStore"/>). Writes are for this node's own clients and never wait on
/// the network; reads answer for every node. A key names one tab or connection, unique across nodes.
/// </summary>
public interface IPresenceStore
{
    /// <summary>Names this node in the entries it writes.</summary>
    string Node { get; }

    /// <summary>This node's own entry under <paramref name="key"/>, if it has one.</summary>
    PresenceEntry? Local(string key);

    /// <summary>Adds or replaces this node's entry under <paramref name="key"/>.</summary>
    void Put(string key, PresenceEntry entry);

    void Remove(string key);

    /// <summary>The client under <paramref name="key"/> has applied the change <paramref name="changeId"/>.</summary>
    void Acknowledge(string key, Guid changeId);

    /// <summary>The user's open tabs and connections on every node that is alive, by key.</summary>
    ValueTask<IReadOnlyDictionary<string, PresenceEntry>> OfUserAsync(string userId, CancellationToken ct = default);

    /// <summary>The keys of the clients, on any node, that have acknowledged <paramref name="changeId"/>.</summary>
    ValueTask<IReadOnlySet<string>> AcknowledgedAsync(Guid changeId, CancellationToken ct = default);

    /// <summary>
    /// Those of <paramref name="userIds"/> with a tab or connection connected right now, on every node that is alive
    /// (the Overview's "online now"). By default one read per user; the stores answer from their own index.
    /// </summary>
    async ValueTask<IReadOnlySet<string>> ConnectedAmongAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        var connected = new HashSet<string>();
        foreach (var userId in userIds)
        {
            if ((await OfUserAsync(userId, ct)).Values.Any(e => e.Connected))
            {
                connected.Add(userId);
            }
        }
        return connected;
    }
}
