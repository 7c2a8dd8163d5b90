using System.Text.Json;
using Hesh.Core.Common;
using StackExchange.Redis;

namespace Hesh.Web.Live;

/// <summary>
/// The change bus across nodes: a change committed on this node reaches its own subscribers at once and the other
/// nodes through a Redis channel. If Redis is unreachable the local delivery still happens; other nodes' users
/// then see the change on their next action, which reads the store.
/// </summary>
internal sealed class RedisAccessChanges : IAccessChanges, IDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("hesh:access-changes");
    private readonly InProcessAccessChanges _local = new();
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly ISubscriber _subscriber;
    private readonly ILogger<RedisAccessChanges> _logger;

    public RedisAccessChanges(IConnectionMultiplexer redis, ILogger<RedisAccessChanges> logger)
    {
        _logger = logger;
        _subscriber = redis.GetSubscriber();
        _subscriber.Subscribe(Channel, (_, message) =>
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
            if (envelope is not null && envelope.Node != _node)
            {
                _local.Published(envelope.Change);
            }
        });
    }

    public void Published(AccessChanged change)
    {
        _local.Published(change);
        try
        {
            _subscriber.Publish(Channel, JsonSerializer.Serialize(new Envelope(_node, change)), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            _logger.LogWarning(ex, "Access change of {UserId} not sent to other nodes: Redis unavailable", change.UserId);
        }
    }

    public IDisposable Subscribe(Action<AccessChanged> handler) => _local.Subscribe(handler);

    public void Dispose() => _subscriber.Unsubscribe(Channel);

    private sealed record Envelope(string Node, AccessChanged Change);
}
