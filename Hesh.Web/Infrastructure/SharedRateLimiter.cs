using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Hesh.Web.Infrastructure;

/// <summary>
/// One client's window of one bucket, counted in Redis by RedisRateLimiting's sliding window so that every node
/// draws on the same permits; this node's own sliding window stands in while Redis cannot answer, so the posts stay
/// limited (per node, as with one node) instead of failing or going unlimited.
/// </summary>
internal sealed class SharedRateLimiter : RateLimiter
{
    /// <summary>How long a post waits for Redis before this node's own window decides.</summary>
    private static readonly TimeSpan SharedWait = TimeSpan.FromSeconds(1);
    private static readonly RateLimitLease NotYet = new Refused();
    private readonly RedisSlidingWindowRateLimiter<string> _shared;
    private readonly SlidingWindowRateLimiter _local;
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger _logger;

    public SharedRateLimiter(string partition, int permitLimit, TimeSpan window, IConnectionMultiplexer redis, ILogger logger)
    {
        _redis = redis;
        _logger = logger;
        _shared = new RedisSlidingWindowRateLimiter<string>($"hesh:{partition}", new RedisSlidingWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis,
            PermitLimit = permitLimit,
            Window = window,
        });
        _local = new SlidingWindowRateLimiter(LocalOptions(permitLimit, window));
    }

    public static SlidingWindowRateLimiterOptions LocalOptions(int permitLimit, TimeSpan window) => new()
    {
        PermitLimit = permitLimit,
        Window = window,
        SegmentsPerWindow = 6,
        QueueLimit = 0,
    };

    public override TimeSpan? IdleDuration => (_shared.IdleDuration, _local.IdleDuration) is ({ } shared, { } local) ? TimeSpan.FromTicks(Math.Min(shared.Ticks, local.Ticks)) : null;

    // Asking Redis for statistics would block the caller; this node's window is what it can tell at once.
    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    // The middleware tries the synchronous path first and then waits on AcquireAsync; Redis is only asked there.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => _redis.IsConnected ? NotYet : _local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (_redis.IsConnected)
        {
            try
            {
                return await _shared.AcquireAsync(permitCount, cancellationToken).AsTask().WaitAsync(SharedWait, cancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _logger.LogWarning(ex, "Rate limit counted on this node only: Redis did not answer");
            }
        }
        return await _local.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared.Dispose();
            _local.Dispose();
        }
        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _shared.DisposeAsync();
        await _local.DisposeAsync();
    }

    private sealed class Refused : RateLimitLease
    {
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
