using System.Net;
using System.Threading.Channels;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Live;

public sealed class PermissionsHubTests(AppHost host)
{
    private async Task<(HubConnection Connection, Channel<PermissionsSnapshot> Received)> ConnectAsync(BrowserSession session)
    {
        var received = Channel.CreateUnbounded<PermissionsSnapshot>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, PermissionsHub.Path), o => o.Cookies = session.Cookies)
            .Build();
        connection.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, s => received.Writer.TryWrite(s));
        await connection.StartAsync();
        return (connection, received);
    }

    private static async Task<PermissionsSnapshot> NextAsync(Channel<PermissionsSnapshot> received)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await received.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task AnonymousCaller_IsRefused()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseAddress, PermissionsHub.Path)).Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task SignedInClient_GetsItsStateOnConnect_ThenEveryChangeWithTheNewSetsAndVersion()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Mobi");
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        var (connection, received) = await ConnectAsync(session);
        await using var _ = connection;

        var initial = await NextAsync(received);
        Assert.Equal(user.Id, initial.UserId);
        Assert.Equal(["MyTasks"], initial.Mobile);

        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, user.Id, Platform.Mobile, PermissionKey.ProductionsEdit, true, 0));

        var changed = await NextAsync(received);
        Assert.Equal(1, changed.Version);
        Assert.Contains("ProductionsEdit", changed.Mobile);
        Assert.Contains("ProductionsView", changed.Mobile);
        Assert.DoesNotContain("ProductionsEdit", changed.Web);
        Assert.Contains("Olga Owner", changed.Reason);
    }

    [Fact]
    public async Task ChangesOfAnotherUser_NeverReachThisConnection()
    {
        var company = await host.CreateCompanyAsync();
        var watcher = await company.AddUserAsync("Watcher");
        var other = await company.AddUserAsync("Other");
        using var session = new BrowserSession(host);
        await session.SignInAsync(watcher.Email!, TestCompany.Password);
        var (connection, received) = await ConnectAsync(session);
        await using var _ = connection;
        await NextAsync(received);

        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, other.Id, Platform.Web, PermissionKey.Analytics, true, 0));
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, watcher.Id, Platform.Web, PermissionKey.TasksView, true, 0));

        var next = await NextAsync(received);
        Assert.Equal(watcher.Id, next.UserId);
        Assert.Contains("TasksView", next.Web);
        Assert.DoesNotContain("Analytics", next.Web);
    }

    [Fact]
    public async Task Inactivation_ClosesTheUsersHubConnections()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Gone");
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        var (connection, received) = await ConnectAsync(session);
        await using var _ = connection;
        var closed = new TaskCompletionSource();
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await NextAsync(received);

        await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().ApplyStatusActionAsync(company.OwnerId, user.Id, StatusAction.Inactivate));

        Assert.Equal("Inactive", (await NextAsync(received)).Status);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }
}
