using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace Hesh.Web.Live;

/// <summary>
/// Presence shared by every node through Redis: a hash per user (<c>hesh:presence:{userId}</c>, one field per tab or
/// connection, its value a small JSON <see cref="PresenceEntry"/>), a set per change of the clients that acknowledged
/// it (<c>hesh:acks:{changeId}</c>, kept minutes), and a heartbeat key per node (<c>hesh:node:{node}</c>) whose expiry
/// tells the others that a node is gone, so its entries are ignored and removed.
/// <para>
/// Every write lands first in this node's own memory and goes to Redis fire-and-forget: navigating or applying a
/// change never waits on the network. Reads ask Redis briefly; while Redis is away (or slow) they answer with this
/// node's own knowledge, and when it is back this node writes its entries again (a restarted Redis has none).
/// </para>
/// </summary>
public sealed class RedisPresenceStore : IPresenceStore, IDisposable
{
    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan NodeTtl = TimeSpan.FromSeconds(15);
    /// <summary>Each node writes its entries again this often, so a user's hash outlives none of its tabs and no dead node's.</summary>
    public static readonly TimeSpan RewritePeriod = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan UserTtl = TimeSpan.FromMinutes(15);
    /// <summary>How long a read may wait for Redis before answering from this node alone.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AliveCacheFor = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly IConnectionMultiplexer _redis;
    private readonly InMemoryPresenceStore _local = new();
    private readonly ConcurrentDictionary<string, (bool Alive, long At)> _alive = new();
    // Removals since the last rewrite, sent again with it: one lost while Redis was away must not leave a tab behind.
    private readonly ConcurrentDictionary<string, string> _removed = new();
    private readonly ILogger<RedisPresenceStore> _logger;
    private readonly Timer _heartbeat;
    private long _nextRewrite = Environment.TickCount64 + (long)RewritePeriod.TotalMilliseconds;
    private int _degraded;
    private int _beating;

    public RedisPresenceStore(IConnectionMultiplexer redis, ILogger<RedisPresenceStore> logger)
    {
        _redis = redis;
        _logger = logger;
        redis.ConnectionRestored += OnConnectionRestored;
        Beat();
        _heartbeat = new Timer(_ => OnHeartbeat(), null, HeartbeatPeriod, HeartbeatPeriod);
    }

    public string Node => _local.Node;

    public static RedisKey UserKey(string userId) => $"hesh:presence:{userId}";

    public static RedisKey AcksKey(Guid changeId) => $"hesh:acks:{changeId:N}";

    public static RedisKey NodeKey(string node) => $"hesh:node:{node}";

    public PresenceEntry? Local(string key) => _local.Local(key);

    public void Put(string key, PresenceEntry entry)
    {
        _local.Put(key, entry);
        if (_local.Local(key) is { } stored)
        {
            Write(db =>
            {
                db.HashSetAsync(UserKey(stored.UserId), key, JsonSerializer.Serialize(stored, Json), flags: CommandFlags.FireAndForget);
                db.KeyExpireAsync(UserKey(stored.UserId), UserTtl, flags: CommandFlags.FireAndForget);
            });
        }
    }

    public void Remove(string key)
    {
        if (_local.Local(key) is not { } entry)
        {
            return;
        }
        _local.Remove(key);
        _removed[key] = entry.UserId;
        Write(db => db.HashDeleteAsync(UserKey(entry.UserId), key, CommandFlags.FireAndForget));
    }

    public void Acknowledge(string key, Guid changeId)
    {
        _local.Acknowledge(key, changeId);
        Write(db =>
        {
            db.SetAddAsync(AcksKey(changeId), key, CommandFlags.FireAndForget);
            db.KeyExpireAsync(AcksKey(changeId), InMemoryPresenceStore.AckLifetime, flags: CommandFlags.FireAndForget);
        });
    }

    public async ValueTask<IReadOnlyDictionary<string, PresenceEntry>> OfUserAsync(string userId, CancellationToken ct = default)
    {
        var own = _local.OfUser(userId);
        if (!_redis.IsConnected)
        {
            return Degraded(own, null);
        }
        try
        {
            var db = _redis.GetDatabase();
            var fields = await db.HashGetAllAsync(UserKey(userId)).WaitAsync(ReadTimeout, ct);
            var all = new Dictionary<string, PresenceEntry>(own);
            var dead = new List<RedisValue>();
            foreach (var field in fields)
            {
                // This node's own entries come from its memory, which is never behind its writes.
                if (JsonSerializer.Deserialize<PresenceEntry>(field.Value.ToString(), Json) is not { } entry || entry.Node == Node)
                {
                    continue;
                }
                if (await IsAliveAsync(db, entry.Node, ct))
                {
                    all[field.Name.ToString()] = entry;
                }
                else
                {
                    dead.Add(field.Name);
                }
            }
            if (dead.Count > 0)
            {
                _ = db.HashDeleteAsync(UserKey(userId), dead.ToArray(), CommandFlags.FireAndForget);
            }
            Recovered();
            return all;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            return Degraded(own, ex);
        }
    }

    public async ValueTask<IReadOnlySet<string>> AcknowledgedAsync(Guid changeId, CancellationToken ct = default)
    {
        var own = _local.Acknowledged(changeId);
        if (!_redis.IsConnected)
        {
            return Degraded(own, null);
        }
        try
        {
            var members = await _redis.GetDatabase().SetMembersAsync(AcksKey(changeId)).WaitAsync(ReadTimeout, ct);
            var all = new HashSet<string>(own);
            all.UnionWith(members.Select(m => m.ToString()));
            Recovered();
            return all;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return Degraded(own, ex);
        }
    }

    /// <summary>A node counts while its heartbeat key lives; asked at most every couple of seconds per node.</summary>
    private async ValueTask<bool> IsAliveAsync(IDatabase db, string node, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (_alive.TryGetValue(node, out var known) && now - known.At < AliveCacheFor.TotalMilliseconds)
        {
            return known.Alive;
        }
        var alive = await db.KeyExistsAsync(NodeKey(node)).WaitAsync(ReadTimeout, ct);
        _alive[node] = (alive, now);
        return alive;
    }

    private T Degraded<T>(T own, Exception? ex)
    {
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            _logger.LogWarning(ex, "Presence read from this node only: Redis unavailable, so tabs open on other nodes are not counted");
        }
        return own;
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
        {
            _logger.LogInformation("Presence read from every node again: Redis answers");
        }
    }

    /// <summary>Sends commands whose answer nobody waits for; while Redis is away they are dropped (memory has them).</summary>
    private bool Write(Action<IDatabase> commands)
    {
        if (!_redis.IsConnected)
        {
            return false;
        }
        try
        {
            commands(_redis.GetDatabase());
            return true;
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "A presence write was not sent: Redis unavailable");
            return false;
        }
    }

    private bool Beat() => Write(db => db.StringSetAsync(NodeKey(Node), "1", NodeTtl, flags: CommandFlags.FireAndForget));

    private async void OnHeartbeat()
    {
        // A timer callback that throws would end the process: every failure is caught below, and beats never overlap.
        if (Interlocked.Exchange(ref _beating, 1) == 1)
        {
            return;
        }
        try
        {
            if (!_redis.IsConnected)
            {
                return;
            }
            // Refreshed only if it is still there: a missing key means the others took this node for gone (or Redis
            // restarted empty) and may have dropped its entries, so they are all written again.
            var refreshed = await _redis.GetDatabase().StringSetAsync(NodeKey(Node), "1", NodeTtl, When.Exists);
            var now = Environment.TickCount64;
            if (!refreshed || now >= Interlocked.Read(ref _nextRewrite))
            {
                RewriteAll();
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogDebug(ex, "Presence heartbeat not sent: Redis unavailable");
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Presence heartbeat failed");
        }
        finally
        {
            Volatile.Write(ref _beating, 0);
        }
    }

    /// <summary>Writes every entry of this node again: after Redis came back (it may have restarted empty) and now and then.</summary>
    private void RewriteAll()
    {
        Interlocked.Exchange(ref _nextRewrite, Environment.TickCount64 + (long)RewritePeriod.TotalMilliseconds);
        Beat();
        foreach (var (key, userId) in _removed)
        {
            if (Write(db => db.HashDeleteAsync(UserKey(userId), key, CommandFlags.FireAndForget)))
            {
                _removed.TryRemove(key, out _);
            }
        }
        foreach (var (key, entry) in _local.All())
        {
            Write(db =>
            {
                db.HashSetAsync(UserKey(entry.UserId), key, JsonSerializer.Serialize(entry, Json), flags: CommandFlags.FireAndForget);
                db.KeyExpireAsync(UserKey(entry.UserId), UserTtl, flags: CommandFlags.FireAndForget);
            });
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            _logger.LogInformation("Redis is back: this node's {Count} open tabs and connections are written again", _local.Count);
            RewriteAll();
        }
    }

    /// <summary>A node that stops says so: its heartbeat goes at once, and with it every entry it wrote.</summary>
    public void Dispose()
    {
        _heartbeat.Dispose();
        _redis.ConnectionRestored -= OnConnectionRestored;
        if (!_redis.IsConnected)
        {
            return;
        }
        try
        {
            var db = _redis.GetDatabase();
            foreach (var (key, entry) in _local.All())
            {
                db.HashDeleteAsync(UserKey(entry.UserId), key, CommandFlags.FireAndForget);
            }
            // Waited for: sent after the deletions on the same connection, so those have gone out when it answers.
            db.KeyDelete(NodeKey(Node));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogDebug(ex, "This node's presence was left to expire: Redis unavailable at shutdown");
        }
    }

    /// <summary>The users' hashes read side by side, not one after another: a company's Overview waits for one round trip, not one per person.</summary>
    public async ValueTask<IReadOnlySet<string>> ConnectedAmongAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        var reads = userIds.Select(async id => (Id: id, Entries: await OfUserAsync(id, ct))).ToList();
        var all = await Task.WhenAll(reads);
        return all.Where(r => r.Entries.Values.Any(e => e.Connected)).Select(r => r.Id).ToHashSet();
    }
}
