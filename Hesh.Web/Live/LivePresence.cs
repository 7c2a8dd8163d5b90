using System.Collections.Concurrent;
using Hesh.Core.Common;
using Hesh.Core.Common.Telemetry;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Web.Live;

/// <summary>
/// Who is online and where, on every node: each circuit's current page (with the permission it needs) and hub
/// connection, and which of them applied a user's latest change — the receipts admins see after a change. This node
/// tells the <see cref="IPresenceStore"/> about its own clients; the store answers for all nodes (through Redis when
/// there are several). A circuit counts while its browser is connected (a circuit Blazor keeps for a dropped tab does
/// not); a hub connection counts as applied only once its client has acknowledged the snapshot (<c>Acknowledge(receipt)</c>).
/// Changes are named by <see cref="AccessChanged.Id"/>, the same on every node, so a client on another node is counted.
/// </summary>
public sealed class LivePresence : ILivePresence, IDisposable
{
    private static readonly TimeSpan ReceiptWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReceiptPoll = TimeSpan.FromMilliseconds(25);
    private readonly ConcurrentDictionary<string, Guid> _latest = new();
    private readonly Lock _updates = new();
    private readonly IPresenceStore _store;
    private readonly AccessNotifier _changes;
    private readonly TimeProvider _clock;
    private readonly IDisposable _subscription;
    private readonly HeshMetrics? _metrics;

    public LivePresence(AccessNotifier changes, IPresenceStore store, TimeProvider clock, HeshMetrics? metrics = null)
    {
        _metrics = metrics;
        _changes = changes;
        _store = store;
        _clock = clock;
        _subscription = changes.SubscribeNode(change =>
        {
            if (!change.IsBusEvent && !change.IsCompanyWide)
            {
                _latest[change.UserId] = change.Id;
            }
            return Task.CompletedTask;
        });
    }

    public string Join(string userId, string? sessionId = null)
    {
        var key = $"c:{Guid.NewGuid():N}";
        _store.Put(key, new PresenceEntry(userId, PresenceKind.Circuit, sessionId));
        return key;
    }

    public void Leave(string circuit) => _store.Remove(circuit);

    public void Visit(string circuit, string path, PermissionKey? requires) =>
        Update(circuit, e => e.Path == path && e.Requires == requires ? e : e with { Path = path, Requires = requires });

    /// <summary>The browser of a circuit dropped or came back: only connected circuits count as open sessions.</summary>
    public void Connected(string circuit, bool connected) => Update(circuit, e => e.Connected == connected ? e : e with { Connected = connected });

    /// <summary>A circuit has re-rendered with <paramref name="change"/>.</summary>
    public void Applied(string circuit, AccessChanged change)
    {
        if (_store.Local(circuit) is not null)
        {
            _store.Acknowledge(circuit, change.Id);
            _metrics?.Applied(change.Id, "circuit");
        }
    }

    public void HubConnected(string userId, string connectionId, string? sessionId) =>
        _store.Put(HubKey(connectionId), new PresenceEntry(userId, PresenceKind.Hub, sessionId));

    public void HubDisconnected(string connectionId) => _store.Remove(HubKey(connectionId));

    /// <summary>The hub is about to push <paramref name="change"/> to the user's connections: the receipt id they acknowledge.</summary>
    public string Pushing(AccessChanged change) => change.Id.ToString("N");

    /// <summary>A hub client of <paramref name="userId"/> has applied the snapshot it was sent with <paramref name="receipt"/>.</summary>
    public void Acknowledged(string userId, string connectionId, string receipt)
    {
        // Only the user's latest change is worth a receipt; anything else a client sends is not kept.
        if (Guid.TryParseExact(receipt, "N", out var changeId) && _latest.TryGetValue(userId, out var latest) && latest == changeId
            && _store.Local(HubKey(connectionId)) is { } entry && entry.UserId == userId)
        {
            _store.Acknowledge(HubKey(connectionId), changeId);
            _metrics?.Applied(changeId, "hub");
        }
    }

    public async Task<IReadOnlyList<OpenPage>> OpenPagesOfAsync(string userId, CancellationToken ct = default) =>
        (await _store.OfUserAsync(userId, ct)).Values
            .Where(e => e is { Kind: PresenceKind.Circuit, Path: not null, Requires: not null })
            .Select(e => new OpenPage(e.Path!, e.Requires!.Value)).Distinct().ToList();

    public async Task<IReadOnlySet<string>> OnlineSessionsOfAsync(string userId, CancellationToken ct = default) =>
        (await _store.OfUserAsync(userId, ct)).Values.Where(e => e.Connected && e.SessionId is not null).Select(e => e.SessionId!).ToHashSet();

    public async Task<LiveReceipt> ReceiptAsync(string userId, CancellationToken ct = default)
    {
        var deadline = _clock.GetUtcNow() + ReceiptWait;
        await ChangesHandedOutAsync(ct);
        while (true)
        {
            var (applied, open) = await CountAsync(userId, ct);
            if (applied >= open || _clock.GetUtcNow() >= deadline)
            {
                var receipt = new LiveReceipt(applied, open, _clock.GetUtcNow().UtcDateTime);
                _metrics?.Receipt(receipt);
                return receipt;
            }
            await Task.Delay(ReceiptPoll, ct);
        }
    }

    /// <summary>A change committed just now may still be queued in the notifier: the receipt is for it, not for the one before.</summary>
    private async Task ChangesHandedOutAsync(CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(ReceiptWait);
        try
        {
            await _changes.IdleAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }

    private async Task<(int Applied, int Open)> CountAsync(string userId, CancellationToken ct)
    {
        var open = (await _store.OfUserAsync(userId, ct)).Where(e => e.Value.Connected).Select(e => e.Key).ToList();
        if (open.Count == 0 || !_latest.TryGetValue(userId, out var latest))
        {
            return (0, open.Count);
        }
        var acknowledged = await _store.AcknowledgedAsync(latest, ct);
        return (open.Count(acknowledged.Contains), open.Count);
    }

    private void Update(string key, Func<PresenceEntry, PresenceEntry> change)
    {
        lock (_updates)
        {
            if (_store.Local(key) is { } entry && change(entry) is var changed && !ReferenceEquals(changed, entry))
            {
                _store.Put(key, changed);
            }
        }
    }

    private static string HubKey(string connectionId) => $"h:{connectionId}";

    public void Dispose() => _subscription.Dispose();
}

/// <summary>
/// A receipt said as a person reads it: saved, and whose open tabs have the change now — not a count of sessions and
/// a clock time. A tab that did not answer in the wait is not said to have it: it gets the change when it reconnects.
/// </summary>
public static class ReceiptWording
{
    // Static like its callers' wording helpers; the localizer reads the current UI culture at each call.
    private static IStringLocalizer L => Hesh.Core.Common.Localization.CoreTexts.For(typeof(ReceiptWording));

    public static string For(LiveReceipt receipt, string firstName) => receipt switch
    {
        { Open: 0 } => L["One.NoTab", firstName],
        { Open: 1, Applied: 1 } => L["One.Applied", firstName],
        { Open: 1 } => L["One.Waiting", firstName],
        { Applied: var applied, Open: var open } when applied >= open => L["Many.All", firstName, open],
        { Applied: var applied, Open: var open } => L["Many.Some", firstName, applied, open],
    };

    /// <summary>The receipt of a change made to several people at once: their tabs counted together.</summary>
    public static string For(IReadOnlyList<LiveReceipt> receipts)
    {
        var open = receipts.Sum(r => r.Open);
        var applied = receipts.Sum(r => r.Applied);
        var online = receipts.Count(r => r.Open > 0);
        var people = L.Plural("People", receipts.Count);
        return open == 0 ? (receipts.Count == 1 ? L["Bulk.NoneOne"] : L["Bulk.None", people])
            : applied >= open ? (open == 1 ? L["Bulk.AllOneTab", online, people] : L["Bulk.AllTabs", online, people, open])
            : L["Bulk.Some", applied, open, online, people];
    }
}
