using System.Net;
using System.Threading.Channels;
using Hesh.Core.Common.Telemetry;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Telemetry;

/// <summary>
/// /metrics switched on: only the token holder inside the allowed networks reads it, and what it exposes moves with what
/// happens in Hesh. The tests of this class run one after another on their own host, so each count read is exact.
/// </summary>
public sealed class MetricsEndpointTests(TelemetryHost telemetry, AppHost neighbour) : IClassFixture<TelemetryHost>
{
    private AppHost Host => telemetry.Host;

    [Fact]
    public async Task ItExportsItsOwnHostsCounts_NotThoseOfAnotherHostOrMeterOfTheSameName()
    {
        var before = await telemetry.ValueAsync("hesh_grants_expired_total");
        neighbour.Services.GetRequiredService<HeshMetrics>().GrantsExpired(5);
        using (var bare = new HeshMetrics())
        {
            bare.GrantsExpired(7);
        }

        Host.Services.GetRequiredService<HeshMetrics>().GrantsExpired(2);

        Assert.Equal(before + 2, await telemetry.WaitForAsync(v => v >= before + 2, "hesh_grants_expired_total"));
        Host.Services.GetRequiredService<HeshMetrics>().GrantsExpired(1);
        Assert.Equal(before + 3, await telemetry.WaitForAsync(v => v >= before + 3, "hesh_grants_expired_total"));
    }

    [Fact]
    public async Task WithTheToken_ItAnswersThePrometheusTextFormat_UncachedByProxies()
    {
        using var response = await telemetry.ScrapeAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Contains("# TYPE ", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutAToken_ItIs401_AskingForBearer_WithNoBody()
    {
        using var response = await telemetry.ScrapeAsync(token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithAWrongToken_ItIs401_WithNoBody()
    {
        using var response = await telemetry.ScrapeAsync(token: TelemetryHost.Token[..^1] + "X");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FromANetworkNotAllowed_ItIs403_EvenWithTheToken()
    {
        // Loopback is the trusted proxy: the forwarded address is the client's, as behind nginx.
        using var response = await telemetry.ScrapeAsync(tweak: r => r.Headers.Add("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FromAnAllowedNetworkBehindTheProxy_WithTheToken_ItAnswers()
    {
        using var response = await telemetry.ScrapeAsync(tweak: r => r.Headers.Add("X-Forwarded-For", "10.4.5.6"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnythingButGet_ItIs404()
    {
        using var response = await telemetry.ScrapeAsync(method: HttpMethod.Post);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APermissionToggle_CountsOneInAccessChangesPublished_OfKindPermissions()
    {
        var company = await Host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Metra");
        var before = await telemetry.ValueAsync("hesh_access_changes_published_total", "kind=\"permissions\"");

        await Host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.TasksView, true, 0));

        Assert.Equal(before + 1, await telemetry.WaitForAsync(v => v >= before + 1, "hesh_access_changes_published_total", "kind=\"permissions\""));
    }

    [Fact]
    public async Task AFailedSignIn_CountsOneWrongPassword_AndAnUnknownEmailOneUnknownAccount()
    {
        var company = await Host.CreateCompanyAsync();
        using var session = new BrowserSession(Host).From("203.0.113.50");
        string[] wrong = ["outcome=\"wrong_password\"", "method=\"password\""];
        string[] unknown = ["outcome=\"unknown_account\""];
        var exposition = await telemetry.ExpositionAsync();
        var (wrongBefore, unknownBefore) = (TelemetryHost.ValueOf(exposition, "hesh_sign_ins_total", wrong),
            TelemetryHost.ValueOf(exposition, "hesh_sign_ins_total", unknown));

        await session.SignInAsync(company.OwnerEmail, "Wrong-pass-1");
        await session.SignInAsync($"nobody-{company.Tag}@test.hesh", "Wrong-pass-1");

        Assert.Equal(wrongBefore + 1, await telemetry.WaitForAsync(v => v >= wrongBefore + 1, "hesh_sign_ins_total", wrong));
        Assert.Equal(unknownBefore + 1, await telemetry.WaitForAsync(v => v >= unknownBefore + 1, "hesh_sign_ins_total", unknown));
    }

    [Fact]
    public async Task ASignInRefusedByTheRateLimit_CountsOneRejectionOfTheSignInLimiter()
    {
        var company = await Host.CreateCompanyAsync();
        using var guesser = new BrowserSession(Host).From("203.0.113.60");
        var before = await telemetry.ValueAsync("hesh_rate_limit_rejections_total", "limiter=\"sign-in\"");
        for (var i = 0; i < TelemetryHost.SignInLimit; i++)
        {
            await guesser.SignInAsync(company.OwnerEmail, $"Guess-{i}-x");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.SignInAsync(company.OwnerEmail, "Guess-last-x")).StatusCode);

        Assert.Equal(before + 1, await telemetry.WaitForAsync(v => v >= before + 1, "hesh_rate_limit_rejections_total", "limiter=\"sign-in\""));
    }

    [Fact]
    public async Task AHubClient_CountsAsAConnection_AndItsAcknowledgementIsTimed()
    {
        var company = await Host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Mobi");
        using var session = new BrowserSession(Host).From("10.20.0.1");
        await session.SignInAsync(user.Email!, TestCompany.Password);
        var connectionsBefore = await telemetry.ValueAsync("hesh_hub_connections");
        var timedBefore = await telemetry.ValueAsync("hesh_access_changes_latency_seconds_count", "client=\"hub\"");
        var received = Channel.CreateUnbounded<PermissionsSnapshot>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Host.BaseAddress, PermissionsHub.Path), o => o.Cookies = session.Cookies)
            .Build();
        connection.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, s => received.Writer.TryWrite(s));
        await using (connection)
        {
            await connection.StartAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await received.Reader.ReadAsync(timeout.Token);
            Assert.Equal(connectionsBefore + 1, await telemetry.WaitForAsync(v => v >= connectionsBefore + 1, "hesh_hub_connections"));

            await Host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
                .ToggleAsync(company.OwnerId, user.Id, Platform.Mobile, PermissionKey.ProductionsView, true, 0));
            var pushed = await received.Reader.ReadAsync(timeout.Token);
            await connection.InvokeAsync("Acknowledge", pushed.Receipt, timeout.Token);

            Assert.Equal(timedBefore + 1, await telemetry.WaitForAsync(v => v >= timedBefore + 1, "hesh_access_changes_latency_seconds_count", "client=\"hub\""));
        }
        Assert.Equal(connectionsBefore, await telemetry.WaitForAsync(v => v <= connectionsBefore, "hesh_hub_connections"));
    }

    [Fact]
    public async Task TheFrameworksMeters_AreExposed_ButTheScrapesThemselvesAreNotCountedAsRequests()
    {
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        Assert.True(await telemetry.WaitForAsync(v => v >= 1, "http_server_request_duration_seconds_count", "http_route=\"/healthz\"") >= 1);

        var exposition = await telemetry.ExpositionAsync();
        Assert.Contains("\ndotnet_gc_collections_total", exposition);
        Assert.Contains("\nmicrosoft_entityframeworkcore_", exposition);
        Assert.Contains("\nkestrel_active_connections", exposition);
        Assert.Equal(0, TelemetryHost.ValueOf(exposition, "http_server_request_duration_seconds_count", "http_route=\"/metrics\""));
    }
}

/// <summary>Off by default: nothing is mapped, and the health probe is unchanged.</summary>
public sealed class MetricsOffTests(AppHost host)
{
    [Fact]
    public async Task ByDefault_MetricsIs404_EvenWithABearerToken_AndHealthzStillAnswers()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new("Bearer", TelemetryHost.Token);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
