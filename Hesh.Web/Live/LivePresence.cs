using System.Collections.Concurrent;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Web.Live;

/// <summary>
/// Who is online on this node and where: each circuit's current page (with the permission it needs), and which
/// change each of a user's circuits and hub connections has applied — the receipts admins see after a change.
/// </summary>
public sealed class LivePresence : ILivePresence, IDisposable
{
    private static readonly TimeSpan ReceiptWait = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, Circuit> _circuits = new();
    private readonly ConcurrentDictionary<string, AccessChanged> _latest = new();
    private readonly ConcurrentDictionary<string, (AccessChanged Change, int Connections)> _hubReceipts = new();
    private readonly HubConnections _hub;
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;

    public LivePresence(IAccessChanges changes, HubConnections hub, TimeProvider clock)
    {
        _hub = hub;
        _clock = clock;
        _subscription = changes.Subscribe(change =>
        {
            if (!change.IsBusEvent)
            {
                _latest[change.UserId] = change;
            }
        });
    }

    public string Join(string userId)
    {
        var key = Guid.NewGuid().ToString("N");
        _circuits[key] = new Circuit(userId);
        return key;
    }

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

    /// <summary>The hub pushed <paramref name="change"/> to the user's connections on this node.</summary>
    public void Pushed(AccessChanged change, int connections) => _hubReceipts[change.UserId] = (change, connections);

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
        var circuits = _circuits.Values.Where(c => c.UserId == userId).ToList();
        var connections = _hub.CountOf(userId);
        var pushed = latest is not null && _hubReceipts.TryGetValue(userId, out var receipt) && ReferenceEquals(receipt.Change, latest)
            ? Math.Min(receipt.Connections, connections) : 0;
        return (circuits.Count(c => latest is not null && ReferenceEquals(c.Applied, latest)) + pushed, circuits.Count + connections);
    }

    public void Dispose() => _subscription.Dispose();

    private sealed class Circuit(string userId)
    {
        public string UserId { get; } = userId;
        public string? Path { get; set; }
        public PermissionKey? Requires { get; set; }
        public AccessChanged? Applied { get; set; }
    }
}
