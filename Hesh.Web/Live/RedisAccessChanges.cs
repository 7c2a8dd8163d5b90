using System.Text.Json;
using Hesh.Core.Common;
using Hesh.Core.Common.Telemetry;
using StackExchange.Redis;

namespace Hesh.Web.Live;

/// <summary>
/// The change bus across nodes: a change committed on this node is delivered to its own notifier at once and to the
/// other nodes through a Redis channel. If Redis is unreachable the local delivery still happens, and the local bus hears
/// of the outage: caches stop caching, so other nodes' users see the change on their next action, which reads the
/// store; when Redis is back, every cache and open client here re-reads what changed meanwhile.
/// </summary>
internal sealed class RedisAccessChanges : IAccessChanges, IDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("hesh:access-changes");
    private readonly AccessNotifier _local;
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly ISubscriber _subscriber;
    private readonly ILogger<RedisAccessChanges> _logger;
    private readonly IConnectionMultiplexer _redis;
    private int _down;

    public RedisAccessChanges(IConnectionMultiplexer redis, AccessNotifier local, ILogger<RedisAccessChanges> logger, HeshMetrics? metrics = null)
    {
        _local = local;
        _logger = logger;
        _redis = redis;
        _subscriber = redis.GetSubscriber();
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        _subscriber.Subscribe(Channel, (_, message) =>
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
            if (envelope is not null && envelope.Node != _node)
            {
                metrics?.Arrived(envelope.Change);
                _local.Deliver(envelope.Change);
            }
        });
    }

    public void Publish(AccessChanged change)
    {
        _local.Deliver(change);
        try
        {
            _subscriber.Publish(Channel, JsonSerializer.Serialize(new Envelope(_node, change)), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            _logger.LogWarning(ex, "Access change of {UserId} not sent to other nodes: Redis unavailable", change.UserId);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription && Interlocked.Exchange(ref _down, 1) == 0)
        {
            _logger.LogWarning("Redis lost ({FailureType}): changes from other nodes are read from the store until it is back", e.FailureType);
            _local.Deliver(AccessChanged.BusLost());
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription && Interlocked.Exchange(ref _down, 0) == 1)
        {
            _logger.LogInformation("Redis is back: open clients re-read their access");
            _local.Deliver(AccessChanged.BusRestored());
        }
    }

    public void Dispose()
    {
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
        _subscriber.Unsubscribe(Channel);
    }

    private sealed record Envelope(string Node, AccessChanged Change);
}
