using System.Collections.Concurrent;

namespace Hesh.Web.Live;

/// <summary>
/// Presence of one node, in its memory: the whole truth when Hesh runs alone, and each node's own knowledge under
/// <see cref="RedisPresenceStore"/> (what it falls back on while Redis is away). Indexed by user, so a receipt or a
/// warning reads one user's few entries, not every open tab of the node.
/// </summary>
public sealed class InMemoryPresenceStore : IPresenceStore
{
    /// <summary>A receipt is read within seconds of its change; acknowledgements older than this are dropped.</summary>
    public static readonly TimeSpan AckLifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PresenceEntry> _byKey = [];
    private readonly Dictionary<string, Dictionary<string, PresenceEntry>> _byUser = [];
    private readonly ConcurrentDictionary<Guid, Acks> _acks = new();
    private long _nextSweep = Environment.TickCount64 + (long)AckLifetime.TotalMilliseconds;

    public InMemoryPresenceStore(string? node = null) => Node = node ?? Guid.NewGuid().ToString("N");

    public string Node { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byKey.Count;
            }
        }
    }

    public PresenceEntry? Local(string key)
    {
        lock (_gate)
        {
            return _byKey.GetValueOrDefault(key);
        }
    }

    /// <summary>Every entry of this node (to write them again into a Redis that lost them).</summary>
    public IReadOnlyList<KeyValuePair<string, PresenceEntry>> All()
    {
        lock (_gate)
        {
            return [.. _byKey];
        }
    }

    public void Put(string key, PresenceEntry entry)
    {
        entry = entry with { Node = Node };
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var old) && old.UserId != entry.UserId)
            {
                RemoveFromUser(key, old.UserId);
            }
            _byKey[key] = entry;
            if (!_byUser.TryGetValue(entry.UserId, out var ofUser))
            {
                _byUser[entry.UserId] = ofUser = [];
            }
            ofUser[key] = entry;
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_byKey.Remove(key, out var old))
            {
                RemoveFromUser(key, old.UserId);
            }
        }
    }

    private void RemoveFromUser(string key, string userId)
    {
        if (_byUser.TryGetValue(userId, out var ofUser) && ofUser.Remove(key) && ofUser.Count == 0)
        {
            _byUser.Remove(userId);
        }
    }

    public void Acknowledge(string key, Guid changeId)
    {
        var now = Environment.TickCount64;
        _acks.GetOrAdd(changeId, _ => new Acks(now)).Keys.TryAdd(key, 0);
        if (now >= Interlocked.Read(ref _nextSweep))
        {
            Sweep(now);
        }
    }

    /// <summary>Drops old acknowledgements, at most once per <see cref="AckLifetime"/>, so they never pile up.</summary>
    private void Sweep(long now)
    {
        Interlocked.Exchange(ref _nextSweep, now + (long)AckLifetime.TotalMilliseconds);
        foreach (var (id, acks) in _acks)
        {
            if (now - acks.Since > AckLifetime.TotalMilliseconds)
            {
                _acks.TryRemove(id, out _);
            }
        }
    }

    public IReadOnlyDictionary<string, PresenceEntry> OfUser(string userId)
    {
        lock (_gate)
        {
            return _byUser.TryGetValue(userId, out var ofUser) ? new Dictionary<string, PresenceEntry>(ofUser) : new Dictionary<string, PresenceEntry>();
        }
    }

    public IReadOnlySet<string> Acknowledged(Guid changeId) =>
        _acks.TryGetValue(changeId, out var acks) ? acks.Keys.Keys.ToHashSet() : new HashSet<string>();

    public ValueTask<IReadOnlyDictionary<string, PresenceEntry>> OfUserAsync(string userId, CancellationToken ct = default) => ValueTask.FromResult(OfUser(userId));

    public ValueTask<IReadOnlySet<string>> AcknowledgedAsync(Guid changeId, CancellationToken ct = default) => ValueTask.FromResult(Acknowledged(changeId));

    private sealed class Acks(long since)
    {
        public long Since { get; } = since;
        public ConcurrentDictionary<string, byte> Keys { get; } = new();
    }

    /// <summary>Read under one lock from the per-user index: no copy of anyone's entries.</summary>
    public ValueTask<IReadOnlySet<string>> ConnectedAmongAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlySet<string> connected = userIds.Where(id => _byUser.TryGetValue(id, out var ofUser) && ofUser.Values.Any(e => e.Connected)).ToHashSet();
            return ValueTask.FromResult(connected);
        }
    }
}
