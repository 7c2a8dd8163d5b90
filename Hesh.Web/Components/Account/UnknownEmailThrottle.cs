using System.Security.Cryptography;
using System.Text;
using Hesh.Core.SignIns;
using Microsoft.Extensions.Caching.Memory;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Hesh.Web.Components.Account;

/// <summary>
/// "Too many attempts from this address" for an email with no account too, after as many guesses as for a real one:
/// otherwise the throttle's message alone would tell which emails have accounts. There is no account row to count
/// against, so the guesses are counted in a window that opens with the first one: in Redis (RedisRateLimiting's fixed
/// window, shared by every node) when Hesh:Redis is set, else — and while Redis cannot answer — in this node's memory.
/// </summary>
internal sealed class UnknownEmailThrottle(IMemoryCache cache, TimeProvider clock, ILogger<UnknownEmailThrottle> logger,
    IConnectionMultiplexer? redis = null)
{
    private static readonly TimeSpan SharedWait = TimeSpan.FromSeconds(1);

    private sealed class Guesses(DateTime first)
    {
        public DateTime First { get; } = first;
        public int Count;
    }

    /// <summary>Counts one more guess at <paramref name="email"/> from <paramref name="address"/>; the wait when it is one too many.</summary>
    public async ValueTask<TimeSpan?> CountAsync(string email, string? address)
    {
        // The email is hashed: guesses at addresses without an account are nobody's to keep in Redis.
        var key = $"hesh:unknown-sign-in|{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())))[..32]}|{address}";
        if (redis is { IsConnected: true })
        {
            try
            {
                return await CountSharedAsync(redis, key);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Guesses at unknown emails counted on this node only: Redis did not answer");
            }
        }
        return CountHere(key);
    }

    private static async Task<TimeSpan?> CountSharedAsync(IConnectionMultiplexer redis, string key)
    {
        using var window = new RedisFixedWindowRateLimiter<string>(key, new RedisFixedWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis,
            PermitLimit = SignInThrottle.MaxFailures,
            Window = SignInThrottle.Window,
        });
        using var lease = await window.AcquireAsync().AsTask().WaitAsync(SharedWait);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : SignInThrottle.Window;
    }

    private TimeSpan? CountHere(string key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var guesses = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = SignInThrottle.Window;
            return new Guesses(now);
        })!;
        var count = Interlocked.Increment(ref guesses.Count);
        var wait = guesses.First + SignInThrottle.Window - now;
        return count > SignInThrottle.MaxFailures && wait > TimeSpan.Zero ? wait : null;
    }
}
