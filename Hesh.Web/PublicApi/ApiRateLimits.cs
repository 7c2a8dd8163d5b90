using System.Globalization;
using System.Threading.RateLimiting;
using Hesh.Core.Common.Telemetry;
using Hesh.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using StackExchange.Redis;

namespace Hesh.Web.PublicApi;

/// <summary>Hesh:PublicApi:RateLimits — calls per key, as Hesh's public documentation gives them.</summary>
public sealed class ApiRateLimitOptions
{
    public int PerSecond { get; set; } = 15;
    public int PerMinute { get; set; } = 300;
    public int PerHour { get; set; } = 4000;
    /// <summary>Calls with a wrong key from one address per minute, before it is refused for the rest of the minute.</summary>
    public int FailedPerMinute { get; set; } = 30;
}

/// <summary>
/// Three windows per key — a second, a minute, an hour — all of which must have room. Each is a
/// <see cref="SharedRateLimiter"/> when Redis is configured, so every node draws on the same permits; else this node's
/// own sliding window. A refusal says when to retry: the window that refused, as Retry-After.
/// </summary>
internal sealed class ApiKeyRateLimiter : RateLimiter
{
    private readonly (RateLimiter Limiter, TimeSpan Window)[] _windows;

    public ApiKeyRateLimiter(string partition, ApiRateLimitOptions limits, IConnectionMultiplexer? redis, ILogger logger)
    {
        _windows =
        [
            (Window(partition, "s", limits.PerSecond, TimeSpan.FromSeconds(1), redis, logger), TimeSpan.FromSeconds(1)),
            (Window(partition, "m", limits.PerMinute, TimeSpan.FromMinutes(1), redis, logger), TimeSpan.FromMinutes(1)),
            (Window(partition, "h", limits.PerHour, TimeSpan.FromHours(1), redis, logger), TimeSpan.FromHours(1)),
        ];
    }

    /// <summary>For tests: any windows, in order.</summary>
    internal ApiKeyRateLimiter(params (RateLimiter Limiter, TimeSpan Window)[] windows) => _windows = windows;

    private static RateLimiter Window(string partition, string name, int permits, TimeSpan window, IConnectionMultiplexer? redis, ILogger logger) =>
        redis is null
            ? new SlidingWindowRateLimiter(SharedRateLimiter.LocalOptions(permits, window))
            : new SharedRateLimiter($"api|{partition}|{name}", permits, window, redis, logger);

    public override TimeSpan? IdleDuration => _windows.Select(w => w.Limiter.IdleDuration).Aggregate((TimeSpan?)TimeSpan.MaxValue,
        (min, idle) => min is null || idle is null ? null : idle < min ? idle : min);

    public override RateLimiterStatistics? GetStatistics() => _windows[0].Limiter.GetStatistics();

    // Redis is asked only on the asynchronous path, as SharedRateLimiter does: the middleware then awaits AcquireAsync.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refusal.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var held = new List<RateLimitLease>(_windows.Length);
        foreach (var (limiter, window) in _windows)
        {
            var lease = await limiter.AcquireAsync(permitCount, cancellationToken);
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : window;
                lease.Dispose();
                held.ForEach(l => l.Dispose());
                return new Refusal(retryAfter);
            }
            held.Add(lease);
        }
        return new Granted(held);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var (limiter, _) in _windows)
            {
                limiter.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    private sealed class Granted(List<RateLimitLease> leases) : RateLimitLease
    {
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                leases.ForEach(l => l.Dispose());
            }
            base.Dispose(disposing);
        }
    }

    internal sealed class Refusal(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Refusal NotYet = new(null);
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];
        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

/// <summary>The route group's rate-limiting policy: one partition per verified key.</summary>
internal sealed class ApiKeyRateLimitPolicy(ApiRateLimitOptions limits, IServiceProvider services, ILogger<ApiKeyRateLimitPolicy> logger) : IRateLimiterPolicy<string>
{
    public const string Name = "public-api";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // Logged, not audited: a flood must not become a flood of audit rows.
        logger.LogWarning("Public API rate limit reached by key {ApiKeyId}; retry after {RetryAfterSeconds} s",
            ApiKeyAuthenticationHandler.CallerOf(http)?.KeyId, seconds);
        http.RequestServices.GetService<HeshMetrics>()?.RateLimited(Name);
        await ApiProblems.Write(http, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This API key made more calls than its limits allow ({limits.PerSecond}/s, {limits.PerMinute}/min, {limits.PerHour}/h). Retry after {seconds} s.");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        // Authorization ran before this middleware, so an unauthenticated call never gets here; no caller, no partition to count.
        if (ApiKeyAuthenticationHandler.CallerOf(httpContext) is not { } caller)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var key = caller.KeyId.ToString("N");
        return RateLimitPartition.Get(key, k => new ApiKeyRateLimiter(k, limits, services.GetService<IConnectionMultiplexer>(), logger));
    }
}
