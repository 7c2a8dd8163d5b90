using System.Threading.RateLimiting;
using Hesh.Core.Common.Telemetry;
using Hesh.Core.Data;
using Hesh.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

#pragma warning disable IDE0130
namespace Microsoft.Extensions.DependencyInjection;

public static class HardeningExtensions
{
    /// <summary>
    /// /healthz: the database must answer (unhealthy otherwise); Redis, when configured, degrades health if it does not.
    /// The frame header is ours alone (DENY), so antiforgery's SAMEORIGIN is not added beside it.
    /// </summary>
    public static IServiceCollection AddHeshHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.SuppressXFrameOptionsHeader = true);
        // Which server software answers is nobody's business.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.Configure<ForwardedHeadersOptions>(o => ConfigureForwardedHeaders(o, configuration));
        services.AddHeshRateLimits(configuration.GetSection("Hesh:RateLimits").Get<RateLimits>() ?? new RateLimits());
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded);
        return services;
    }

    /// <summary>Browser features no Hesh page uses, switched off; passkeys (WebAuthn) stay allowed for Hesh itself.</summary>
    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), publickey-credentials-get=(self), publickey-credentials-create=(self)";

    /// <summary>
    /// Headers every response carries: no MIME sniffing, no framing by other sites, no referrer leaks, no browser
    /// features we do not use, no window shared with other sites' pages, and a content security policy under which only
    /// our own scripts run (see <see cref="ContentSecurity"/>).
    /// </summary>
    public static WebApplication UseHeshSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = CarriesSecretInAddress(context.Request.Path) ? "no-referrer" : "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = ContentSecurity.PolicyFor(ContentSecurity.NewNonce(context));
            await next();
        });
        return app;
    }

    /// <summary>
    /// Pages opened from an emailed link whose address holds the secret (reset code, invitation token, sign-up draft):
    /// not even their origin goes to another site, and nothing of the address at all.
    /// </summary>
    private static bool CarriesSecretInAddress(PathString path) =>
        path.StartsWithSegments("/Account/ResetPassword", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Account/Invitation", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Account/SignUp/Confirm", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Behind a reverse proxy (README: nginx), the client's address comes from X-Forwarded-For — the rate limits and the
    /// anonymous cap of open tabs go by it — so it is believed only from trusted proxies: loopback (a proxy on the same
    /// machine, the default) and those listed in Hesh:ForwardedHeaders:KnownProxies. Anyone else's header is ignored.
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in configuration.GetSection("Hesh:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
        {
            if (!System.Net.IPAddress.TryParse(proxy, out var address))
            {
                throw new InvalidOperationException($"Hesh:ForwardedHeaders:KnownProxies: \"{proxy}\" is not an IP address.");
            }
            options.KnownProxies.Add(address);
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                options.KnownProxies.Add(address.MapToIPv6());   // as a dual-stack listener sees it
            }
        }
    }

    /// <summary>
    /// Password guessing and mail flooding are slowed per client address: the form posts of sign-in, password recovery
    /// and invitation/sign-up each get a sliding window. Account lockout still guards each account on its own. With
    /// Hesh:Redis (several nodes) the window is kept in Redis, so a balancer spreading the posts over N nodes does not
    /// give N times the permits; while Redis cannot answer, each node counts alone (<see cref="SharedRateLimiter"/>).
    /// </summary>
    private static void AddHeshRateLimits(this IServiceCollection services, RateLimits limits)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = ((int)limits.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.ContentType = "text/html; charset=utf-8";
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Hesh.RateLimits")
                    .LogWarning("Too many {Path} posts from {Client}", context.HttpContext.Request.Path.Value, context.HttpContext.Connection.RemoteIpAddress);
                context.HttpContext.RequestServices.GetService<HeshMetrics>()?.RateLimited(RateLimits.BucketOf(context.HttpContext.Request.Path) ?? "other");
                await response.WriteAsync(RateLimits.RejectionPage, ct);
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var bucket = limits.Enabled && HttpMethods.IsPost(http.Request.Method) ? RateLimits.BucketOf(http.Request.Path) : null;
                if (bucket is null)
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var partition = $"{bucket}|{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
                var permits = limits.PermitFor(bucket);
                if (http.RequestServices.GetService<IConnectionMultiplexer>() is { } redis)
                {
                    var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Hesh.RateLimits");
                    return RateLimitPartition.Get(partition, p => new SharedRateLimiter(p, permits, limits.Window, redis, logger));
                }
                return RateLimitPartition.GetSlidingWindowLimiter(partition, _ => SharedRateLimiter.LocalOptions(permits, limits.Window));
            });
        });
    }

    public static WebApplication MapHeshHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        return app;
    }

    private sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<HeshDbContext>().Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }

    private sealed class RedisHealthCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            if (services.GetService<IConnectionMultiplexer>() is not { } redis)
            {
                return HealthCheckResult.Healthy("Single node: no Redis configured.");
            }
            if (!redis.IsConnected)
            {
                return HealthCheckResult.Degraded("Redis is unreachable: other nodes learn of changes on their users' next action.");
            }
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Degraded("Redis is unreachable: other nodes learn of changes on their users' next action.", ex);
            }
        }
    }
}
