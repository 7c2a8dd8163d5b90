using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.MultiNode;

/// <summary>
/// Two nodes on a Redis of their own (started here, on a free port), so stopping it disturbs no other test.
/// </summary>
[Trait("Category", "MultiNode")]
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly int _port = FreePort();
    private Process? _redis;
    private AppHost? _a;
    private AppHost? _b;

    public async ValueTask InitializeAsync()
    {
        if (!TwoNodes.Available)
        {
            return;
        }
        await StartRedisAsync();
        var settings = new Dictionary<string, string>
        {
            ["Hesh:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Hesh"] = $"{TwoNodes.Postgres};Database=hesh_outage_{Guid.NewGuid():N}",
            ["Hesh:Redis"] = $"127.0.0.1:{_port}",
        };
        _a = new AppHost(settings);
        await _a.InitializeAsync();
        _b = new AppHost(settings);
        await _b.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
        if (_a is not null)
        {
            await _a.DbAsync(db => db.Database.EnsureDeletedAsync());
            await _a.DisposeAsync();
        }
        StopRedis();
    }

    [Fact]
    public async Task RedisDown_NodesKeepServing_ReportDegraded_PresenceFallsBackToEachNode_AndAChangeMadeMeanwhileReachesTheClientOnItsNextActionAndWhenRedisIsBack()
    {
        Assert.SkipUnless(TwoNodes.Available, "PostgreSQL and Redis are not configured (HESH_TEST_POSTGRES, HESH_TEST_REDIS); test.sh sets them.");
        var (a, b) = (_a!, _b!);
        var company = await a.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rita");
        using var onB = new BrowserSession(b);
        await onB.SignInAsync(user.Email!, TestCompany.Password);
        var received = Channel.CreateUnbounded<PermissionsSnapshot>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(b.BaseAddress, PermissionsHub.Path), o => o.Cookies = onB.Cookies).Build();
        connection.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, s => received.Writer.TryWrite(s));
        await connection.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("TasksView", (await received.Reader.ReadAsync(timeout.Token)).Mobile);
        var (presenceOnA, presenceOnB) = (a.Services.GetRequiredService<ILivePresence>(), b.Services.GetRequiredService<ILivePresence>());
        await WaitUntilAsync(async () => (await presenceOnA.OnlineSessionsOfAsync(user.Id)).Count == 1, timeout.Token);

        StopRedis();
        await WaitUntilAsync(async () => await HealthOf(b) == "Degraded", timeout.Token);
        Assert.Equal("Degraded", await HealthOf(a));
        Assert.True(await onB.IsSignedInAsync(), "node B still serves pages while Redis is down");
        // Presence falls back to each node's own knowledge: B still knows its client, A no longer sees it (nor waits for it).
        Assert.Single(await presenceOnB.OnlineSessionsOfAsync(user.Id));
        Assert.Empty(await presenceOnA.OnlineSessionsOfAsync(user.Id));
        Assert.Equal(0, (await presenceOnA.ReceiptAsync(user.Id)).Open);

        var changed = await a.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, user.Id, Platform.Mobile, PermissionKey.TasksView, true, 0));
        Assert.True(changed.Succeeded, changed.Error);

        // The client's next action on B reads the store: node B caches nothing while it cannot hear node A.
        var current = await connection.InvokeAsync<PermissionsSnapshot>(nameof(PermissionsHub.Current), timeout.Token);
        Assert.Contains("TasksView", current.Mobile);

        await StartRedisAsync();
        // Once Redis is back, node B re-reads and pushes to every open client without being asked.
        PermissionsSnapshot pushed;
        do
        {
            pushed = await received.Reader.ReadAsync(timeout.Token);
        }
        while (!pushed.Mobile.Contains("TasksView"));
        await WaitUntilAsync(async () => await HealthOf(b) == "Healthy", timeout.Token);
        // The restarted Redis came back empty: node B wrote its clients again, so node A sees the client on B once more.
        await WaitUntilAsync(async () => (await presenceOnA.OnlineSessionsOfAsync(user.Id)).Count == 1, timeout.Token);
    }

    private static async Task<string> HealthOf(AppHost node)
    {
        using var session = new BrowserSession(node);
        var response = await session.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        while (!await condition())
        {
            await Task.Delay(100, ct);
        }
    }

    private async Task StartRedisAsync()
    {
        _redis = Process.Start(new ProcessStartInfo("redis-server", $"--port {_port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _redis.BeginOutputReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await WaitUntilAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port, timeout.Token);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, timeout.Token);
    }

    private void StopRedis()
    {
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            _redis.WaitForExit();
        }
        _redis?.Dispose();
        _redis = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
