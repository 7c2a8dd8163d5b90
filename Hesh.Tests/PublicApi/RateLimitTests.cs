using System.Net;
using System.Threading.RateLimiting;
using Hesh.Core.ApiKeys;
using Hesh.Tests.Infrastructure;
using Hesh.Web.PublicApi;

namespace Hesh.Tests.PublicApi;

/// <summary>15 calls a second, 300 a minute, 4,000 an hour per key; beyond them a 429 problem with Retry-After.</summary>
public sealed class RateLimitTests(AppHost host)
{
    [Fact]
    public async Task A_sixteenth_call_within_a_second_is_429_with_retry_after_and_other_keys_are_unaffected()
    {
        var company = await host.CreateCompanyAsync();
        var key = await host.CreateKeyAsync(company, ApiScopes.UsersRead);
        var other = await host.CreateKeyAsync(company, ApiScopes.UsersRead);
        using var api = host.ApiClient(key);
        await api.GetAsync(ApiKit.Users);   // warm: the first call of a key also writes "last used"

        // Together, so that they fall within one second even on a slow machine.
        var burst = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.GetAsync(ApiKit.Users)));
        var took = burst.Elapsed;

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        if (took < TimeSpan.FromSeconds(0.8))
        {
            // Only when the whole burst fit in the window is the count exact: at most 15 a second, one made just before.
            Assert.True(responses.Count(r => r.IsSuccessStatusCode) <= 14, $"{responses.Count(r => r.IsSuccessStatusCode)} succeeded in {took}");
        }
        var problem = await refused[0].AssertProblemAsync(429);
        Assert.Contains("15/s", problem.GetProperty("detail").GetString());
        Assert.InRange(int.Parse(refused[0].Headers.GetValues("Retry-After").Single()), 1, 1);
        Assert.Equal(HttpStatusCode.OK, (await host.ApiClient(other).GetAsync(ApiKit.Users)).StatusCode);
    }

    [Fact]
    public async Task The_minute_window_refuses_once_full_and_says_to_retry_within_the_minute()
    {
        using var limiter = new ApiKeyRateLimiter(
            (new SlidingWindowRateLimiter(Hesh.Web.Infrastructure.SharedRateLimiter.LocalOptions(100, TimeSpan.FromSeconds(1))), TimeSpan.FromSeconds(1)),
            (new SlidingWindowRateLimiter(Hesh.Web.Infrastructure.SharedRateLimiter.LocalOptions(3, TimeSpan.FromMinutes(1))), TimeSpan.FromMinutes(1)),
            (new SlidingWindowRateLimiter(Hesh.Web.Infrastructure.SharedRateLimiter.LocalOptions(100, TimeSpan.FromHours(1))), TimeSpan.FromHours(1)));

        var leases = new List<RateLimitLease>();
        for (var i = 0; i < 3; i++)
        {
            leases.Add(await limiter.AcquireAsync());
        }
        var fourth = await limiter.AcquireAsync();

        Assert.All(leases, l => Assert.True(l.IsAcquired));
        Assert.False(fourth.IsAcquired);
        Assert.True(fourth.TryGetMetadata(MetadataName.RetryAfter, out var after));
        Assert.InRange(after, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_hour_window_refuses_once_full_and_says_to_retry_after_more_than_a_minute()
    {
        using var limiter = new ApiKeyRateLimiter(
            (new SlidingWindowRateLimiter(Hesh.Web.Infrastructure.SharedRateLimiter.LocalOptions(100, TimeSpan.FromSeconds(1))), TimeSpan.FromSeconds(1)),
            (new SlidingWindowRateLimiter(Hesh.Web.Infrastructure.SharedRateLimiter.LocalOptions(100, TimeSpan.FromMinutes(1))), TimeSpan.FromMinutes(1)),
            (new SlidingWindowRateLimiter(Hesh.Web.Infrastructure.SharedRateLimiter.LocalOptions(2, TimeSpan.FromHours(1))), TimeSpan.FromHours(1)));

        Assert.True((await limiter.AcquireAsync()).IsAcquired);
        Assert.True((await limiter.AcquireAsync()).IsAcquired);
        var third = await limiter.AcquireAsync();

        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var after));
        Assert.True(after > TimeSpan.FromMinutes(1), $"retry after {after}");
    }

    [Fact]
    public void The_documented_limits_are_the_defaults()
    {
        var defaults = new ApiRateLimitOptions();

        Assert.Equal((15, 300, 4000), (defaults.PerSecond, defaults.PerMinute, defaults.PerHour));
    }
}

/// <summary>A host whose minute limit is 3, as Hesh:PublicApi:RateLimits configures it.</summary>
public sealed class SmallLimitsHost : IAsyncLifetime
{
    public AppHost Host { get; } = new(new Dictionary<string, string> { ["Hesh:PublicApi:RateLimits:PerMinute"] = "3" });
    public ValueTask InitializeAsync() => Host.InitializeAsync();
    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

public sealed class ConfiguredRateLimitTests(SmallLimitsHost small) : IClassFixture<SmallLimitsHost>
{
    [Fact]
    public async Task A_configured_minute_limit_is_applied_per_key_with_retry_after()
    {
        var host = small.Host;
        var company = await host.CreateCompanyAsync();
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersRead));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await api.GetAsync(ApiKit.Users)).StatusCode);
        }
        var refused = await api.GetAsync(ApiKit.Users);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        await refused.AssertProblemAsync(429);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);
    }
}

/// <summary>Guessing keys from one address: 30 wrong keys a minute, then 429 for the rest of the minute, whatever key comes.</summary>
public sealed class FailedKeyLimitTests : IAsyncLifetime
{
    private readonly AppHost _host = new(new Dictionary<string, string> { ["Hesh:PublicApi:RateLimits:FailedPerMinute"] = "3" });

    public async ValueTask InitializeAsync() => await _host.InitializeAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task After_three_wrong_keys_an_address_is_refused_with_429_even_with_a_valid_key_until_the_window_ends()
    {
        var company = await _host.CreateCompanyAsync();
        var key = await _host.CreateKeyAsync(company, ApiScopes.UsersRead);
        using var good = _host.ApiClient(key);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await good.GetAsync(ApiKit.Users)).StatusCode);

        var wrong = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var guess = _host.ApiClient(Hesh.Core.ApiKeys.ApiKeySecret.New(), company.Id);
            wrong.Add((await guess.GetAsync(ApiKit.Users)).StatusCode);
        }
        var afterwards = await good.GetAsync(ApiKit.Users);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], wrong);
        var problem = await afterwards.AssertProblemAsync(429);
        Assert.Contains("wrong API key", problem.GetProperty("detail").GetString());
        Assert.InRange(int.Parse(afterwards.Headers.GetValues("Retry-After").Single()), 1, 60);
    }

    [Fact]
    public void The_documented_failure_limit_is_the_default()
    {
        Assert.Equal(30, new ApiRateLimitOptions().FailedPerMinute);
    }
}
