using System.Collections.Concurrent;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Web.Live;

/// <summary>
/// Who is online on this node and where: each circuit's current page (with the permission it needs), and which
/// change each of a user's circuits and hub connections has applied — the receipts admins see after a change.
/// A circuit counts while its browser is connected (a circuit Blazor keeps for a dropped tab does not); a hub
/// connection counts as applied only once its client has acknowledged the snapshot (<c>Acknowledge(receipt)</c>).
/// </summary>
public sealed class LivePresence : ILivePresence, IDisposable
{
    private static readonly TimeSpan ReceiptWait = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, Circuit> _circuits = new();
    private readonly ConcurrentDictionary<string, AccessChanged> _latest = new();
    private readonly ConcurrentDictionary<string, HubReceipt> _hubReceipts = new();
    private readonly HubConnections _hub;
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;

    public LivePresence(AccessNotifier changes, HubConnections hub, TimeProvider clock)
    {
        _hub = hub;
        _clock = clock;
        _subscription = changes.SubscribeNode(change =>
        {
            if (!change.IsBusEvent && !change.IsCompanyWide)
            {
                _latest[change.UserId] = change;
            }
            return Task.CompletedTask;
        });
    }

    public string Join(string userId, string? sessionId = null)
    {
        var key = Guid.NewGuid().ToString("N");
        _circuits[key] = new Circuit(userId) { SessionId = sessionId };
        return key;
    }

    public bool IsOnline(string sessionId) =>
        _circuits.Values.Any(c => c.Connected && c.SessionId == sessionId) || _hub.HasSession(sessionId);

    public void Leave(string circuit) => _circuits.TryRemove(circuit, out _);

    public void Visit(string circuit, string path, PermissionKey? requires)
    {
        if (_circuits.TryGetValue(circuit, out var entry))
        {
            entry.Path = path;
            entry.Requires = requires;
        }
    }

    /// <summary>A circuit has re-rendered with <paramref name="change"/>.</summary>
    public void Applied(string circuit, AccessChanged change)
    {
        if (_circuits.TryGetValue(circuit, out var entry))
        {
            entry.Applied = change;
        }
    }

    /// <summary>The browser of a circuit dropped or came back: only connected circuits count as open sessions.</summary>
    public void Connected(string circuit, bool connected)
    {
        if (_circuits.TryGetValue(circuit, out var entry))
        {
            entry.Connected = connected;
        }
    }

    /// <summary>The hub is about to push <paramref name="change"/> to the user's connections: the receipt id they acknowledge.</summary>
    public string Pushing(AccessChanged change)
    {
        var receipt = new HubReceipt(change, Guid.NewGuid().ToString("N"));
        _hubReceipts[change.UserId] = receipt;
        return receipt.Id;
    }

    /// <summary>A hub client of <paramref name="userId"/> has applied the snapshot it was sent with <paramref name="receipt"/>.</summary>
    public void Acknowledged(string userId, string connectionId, string receipt)
    {
        if (_hubReceipts.TryGetValue(userId, out var pushed) && pushed.Id == receipt)
        {
            pushed.Acks.TryAdd(connectionId, 0);
        }
    }

    public int CircuitsOf(string userId) => _circuits.Values.Count(c => c.UserId == userId);

    public IReadOnlyList<OpenPage> OpenPagesOf(string userId) =>
        _circuits.Values.Where(c => c.UserId == userId && c.Requires is not null && c.Path is not null)
            .Select(c => new OpenPage(c.Path!, c.Requires!.Value)).Distinct().ToList();

    public async Task<LiveReceipt> ReceiptAsync(string userId, CancellationToken ct = default)
    {
        var deadline = _clock.GetUtcNow() + ReceiptWait;
        while (true)
        {
            var (applied, open) = Count(userId);
            if (applied >= open || _clock.GetUtcNow() >= deadline)
            {
                return new LiveReceipt(applied, open, _clock.GetUtcNow().UtcDateTime);
            }
            await Task.Delay(20, ct);
        }
    }

    private (int Applied, int Open) Count(string userId)
    {
        var latest = _latest.GetValueOrDefault(userId);
        var circuits = _circuits.Values.Where(c => c.UserId == userId && c.Connected).ToList();
        var connections = _hub.ConnectionIdsOf(userId);
        var acknowledged = latest is not null && _hubReceipts.TryGetValue(userId, out var pushed) && ReferenceEquals(pushed.Change, latest)
            ? connections.Count(pushed.Acks.ContainsKey) : 0;
        return (circuits.Count(c => latest is not null && ReferenceEquals(c.Applied, latest)) + acknowledged, circuits.Count + connections.Count);
    }

    public void Dispose() => _subscription.Dispose();

    private sealed class Circuit(string userId)
    {
        public string UserId { get; } = userId;
        public string? SessionId { get; init; }
        public string? Path { get; set; }
        public PermissionKey? Requires { get; set; }
        public AccessChanged? Applied { get; set; }
        public bool Connected { get; set; } = true;
    }

    private sealed record HubReceipt(AccessChanged Change, string Id)
    {
        public ConcurrentDictionary<string, byte> Acks { get; } = new();
    }
}
