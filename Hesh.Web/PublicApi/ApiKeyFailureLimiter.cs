using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Hesh.Web.Infrastructure;
using StackExchange.Redis;

namespace Hesh.Web.PublicApi;

/// <summary>
/// Calls with a wrong, revoked or expired key, counted per client address (Hesh:PublicApi:RateLimits:FailedPerMinute,
/// 30): past the limit, the address is answered 429 for the rest of the window without the key being looked up, so
/// guessing keys or tenants costs one window per 30 tries and the store is not queried for each. Shared through Redis
/// when configured. A valid key is never counted; but once an address is refused, its calls wait out the window whatever
/// key they carry, so the limit cannot be used to check guesses.
/// </summary>
public sealed class ApiKeyFailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;
    // Addresses refused until a time: answered 429 at once, without asking Redis or the store again.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blocked = new();
    private readonly TimeProvider _clock;
    private readonly TimeSpan _window = TimeSpan.FromMinutes(1);

    public ApiKeyFailureLimiter(ApiRateLimitOptions limits, TimeProvider clock, IServiceProvider services, ILogger<ApiKeyFailureLimiter> logger)
    {
        _clock = clock;
        var redis = services.GetService<IConnectionMultiplexer>();
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.Get(address, a => redis is null
            ? new SlidingWindowRateLimiter(SharedRateLimiter.LocalOptions(limits.FailedPerMinute, _window))
            : new SharedRateLimiter($"api-failed|{a}", limits.FailedPerMinute, _window, redis, logger)));
    }

    /// <summary>When the address may try again, if it is refused now.</summary>
    public TimeSpan? RefusedFor(string address)
    {
        if (!_blocked.TryGetValue(address, out var until))
        {
            return null;
        }
        var left = until - _clock.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            return left;
        }
        _blocked.TryRemove(address, out _);
        return null;
    }

    /// <summary>Counts one failed call; when the address is past its limit, how long it is refused.</summary>
    public async ValueTask<TimeSpan?> FailedAsync(string address, CancellationToken ct)
    {
        using var lease = await _failures.AcquireAsync(address, 1, ct);
        if (lease.IsAcquired)
        {
            return null;
        }
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : _window;
        _blocked[address] = _clock.GetUtcNow() + wait;
        if (_blocked.Count > 10_000)
        {
            // Expired entries go first; the map never outgrows a flood's distinct addresses.
            foreach (var (key, until) in _blocked.Where(b => b.Value <= _clock.GetUtcNow()).ToList())
            {
                _blocked.TryRemove(key, out _);
            }
        }
        return wait;
    }

    public void Dispose() => _failures.Dispose();
}
