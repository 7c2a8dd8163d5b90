using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Hesh.Core.Common;
using Hesh.Core.Common.Localization;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Hesh.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Live;

public sealed class PermissionsHubTests(AppHost host)
{
    private async Task<(HubConnection Connection, Channel<PermissionsSnapshot> Received)> ConnectAsync(BrowserSession session,
        string? acceptLanguage = null)
    {
        var received = Channel.CreateUnbounded<PermissionsSnapshot>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, PermissionsHub.Path), o =>
            {
                o.Cookies = session.Cookies;
                if (acceptLanguage is not null)
                {
                    o.Headers["Accept-Language"] = acceptLanguage;
                }
            })
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

    /// <summary>A user whose account has saved <paramref name="language"/> (and <paramref name="zone"/>), signed in and connected to the hub.</summary>
    private async Task<(HeshUser User, HubConnection Connection, Channel<PermissionsSnapshot> Received, BrowserSession Session)> ConnectedAsync(
        TestCompany company, string first, string? language, string? zone, string? acceptLanguage)
    {
        var user = await company.AddUserAsync(first);
        await host.DbAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language).SetProperty(u => u.TimeZone, zone)));
        var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        var (connection, received) = await ConnectAsync(session, acceptLanguage);
        await NextAsync(received);
        return (user, connection, received, session);
    }

    private static string InUkrainian(Func<string> words)
    {
        using (Languages.Speak(Languages.Ukrainian))
        {
            return words();
        }
    }

    [Fact]
    public async Task APushedReason_IsInTheAccountsSavedUkrainian_WithItsTimeOnTheAccountsClock()
    {
        var company = await host.CreateCompanyAsync();
        var (olena, connection, received, session) = await ConnectedAsync(company, "Olena", "uk", "Europe/Kyiv", acceptLanguage: "en");
        await using var _ = connection;
        using var __ = session;
        var now = DateTime.UtcNow;
        var end = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(3);

        var granted = await host.Call<TemporaryAccessService, Result<PermissionSheet>>(s =>
            s.GrantUntilAsync(company.OwnerId, olena.Id, Platform.Mobile, PermissionKey.ProductionsEdit, end, 0));
        Assert.True(granted.Succeeded, granted.Error);

        var reason = (await NextAsync(received)).Reason;
        var kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");
        var local = TimeZoneInfo.ConvertTimeFromUtc(end, kyiv);
        var name = InUkrainian(() => PermissionCatalog.Get(PermissionKey.ProductionsEdit).Name());
        var date = local.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("uk"));
        Assert.Equal($"Olga Owner: «{name}» (мобільний доступ) — увімкнено до {date} о {local:HH:mm} Kyiv (UTC+{kyiv.GetUtcOffset(end).Hours})", reason);
    }

    [Fact]
    public async Task APushedReason_IsInEnglish_ForAnAccountThatSavedEnglish_WhateverTheClientsHeader()
    {
        var company = await host.CreateCompanyAsync();
        var (tom, connection, received, session) = await ConnectedAsync(company, "Tom", "en", null, acceptLanguage: "uk");
        await using var _ = connection;
        using var __ = session;

        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, tom.Id, Platform.Mobile, PermissionKey.ProductionsEdit, true, 0));

        Assert.Equal("Olga Owner: Productions edit (mobile access) switched on", (await NextAsync(received)).Reason);
    }

    [Fact]
    public async Task OneChange_IsWordedForEachConnectionOfTheUser_InTheLanguageItConnectedIn()
    {
        var company = await host.CreateCompanyAsync();
        // No saved language: the company's (none) then the client's header decides, connection by connection.
        var (anna, english, inEnglish, session) = await ConnectedAsync(company, "Anna", null, null, acceptLanguage: "en");
        await using var _ = english;
        using var __ = session;
        var (ukrainian, inUkrainian) = await ConnectAsync(session, "uk");
        await using var ___ = ukrainian;
        await NextAsync(inUkrainian);

        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, 0));

        Assert.Equal("Olga Owner: Analytics (web access) switched on", (await NextAsync(inEnglish)).Reason);
        Assert.Equal($"Olga Owner: «{InUkrainian(() => PermissionCatalog.Get(PermissionKey.Analytics).Name())}» (веб-доступ) — увімкнено",
            (await NextAsync(inUkrainian)).Reason);
    }
}
