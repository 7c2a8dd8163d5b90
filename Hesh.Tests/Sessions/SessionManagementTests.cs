using System.Net;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Sessions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Sessions;

/// <summary>Server-side sessions: listed on the Security tab, ended one by one or everywhere, dead after sign-out.</summary>
public sealed class SessionManagementTests(AppHost host)
{
    private Task<Result<IReadOnlyList<SessionView>>> ListAsync(string actorId, string userId) =>
        host.WithScopeAsync(s => s.GetRequiredService<SessionService>().ListAsync(actorId, userId, null));

    private Task<Result<int>> EndAsync(string actorId, string userId, string? sessionId) =>
        host.WithScopeAsync(s => s.GetRequiredService<SessionService>().EndAsync(actorId, userId, sessionId));

    [Fact]
    public async Task SignOut_EndsTheSession_SoACopiedCookieNoLongerWorks()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);
        await session.SignInAsync(company.OwnerEmail, TestCompany.Password);
        using var thief = session.CopyCookies(host);
        Assert.True(await thief.IsSignedInAsync());

        var response = await session.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await thief.IsSignedInAsync());
        Assert.Empty((await ListAsync(company.OwnerId, company.OwnerId)).Value!);
    }

    [Fact]
    public async Task ASessionUnusedPastTheIdleLimit_IsOver_AndNoLongerListed()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Ida");
        using var idle = new BrowserSession(host);
        using var busy = new BrowserSession(host);
        await idle.SignInAsync(user.Email!, TestCompany.Password);
        await busy.SignInAsync(user.Email!, TestCompany.Password);
        var idleId = (await ListAsync(company.OwnerId, user.Id)).Value!.OrderBy(s => s.SignedInAt).First().Id;

        await host.DbAsync(db => db.UserSessions.Where(s => s.Id == idleId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, DateTime.UtcNow - SessionService.IdleLimit - TimeSpan.FromMinutes(5))));

        Assert.False(await idle.IsSignedInAsync());
        Assert.True(await busy.IsSignedInAsync());
        Assert.DoesNotContain((await ListAsync(company.OwnerId, user.Id)).Value!, s => s.Id == idleId);
    }

    [Fact]
    public async Task ASessionOlderThanItsMaximumLifetime_IsOver_HoweverBusy()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Max");
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);
        Assert.True(await session.IsSignedInAsync());

        await host.DbAsync(db => db.UserSessions.Where(s => s.UserId == user.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SignedInAt, DateTime.UtcNow - SessionService.MaxLifetime - TimeSpan.FromMinutes(1))
                .SetProperty(s => s.LastSeenAt, DateTime.UtcNow)));

        Assert.False(await session.IsSignedInAsync());
        Assert.Empty((await ListAsync(company.OwnerId, user.Id)).Value!);
    }

    [Fact]
    public async Task SignOutOtherSessions_EndsEveryOtherCookie_KeepsThisOne_AndIsAuditedOnce()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Otto");
        using var mine = new BrowserSession(host);
        using var laptop = new BrowserSession(host);
        using var phone = new BrowserSession(host);
        await mine.SignInAsync(user.Email!, TestCompany.Password);
        var mineId = Assert.Single((await ListAsync(user.Id, user.Id)).Value!).Id;
        await laptop.SignInAsync(user.Email!, TestCompany.Password);
        await phone.SignInAsync(user.Email!, TestCompany.Password);

        var ended = await host.WithScopeAsync(s => s.GetRequiredService<SessionService>().EndOthersAsync(user.Id, mineId));

        Assert.Equal(2, ended.Value);
        Assert.True(await mine.IsSignedInAsync());
        Assert.False(await laptop.IsSignedInAsync());
        Assert.False(await phone.IsSignedInAsync());
        Assert.Equal(mineId, Assert.Single((await ListAsync(user.Id, user.Id)).Value!).Id);
        var entry = await host.DbAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectId == user.Id && e.Action == AuditAction.SessionsEnded));
        Assert.Equal(("Other sessions", "3 open", "1 open"), (entry.What, entry.Before, entry.After));
    }

    [Fact]
    public async Task ASessionWithAConnectedClient_IsListedAsOnline_TheOthersByLastSeen()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Olga");
        using var connected = new BrowserSession(host);
        using var idle = new BrowserSession(host);
        await connected.SignInAsync(user.Email!, TestCompany.Password);
        var connectedId = Assert.Single((await ListAsync(company.OwnerId, user.Id)).Value!).Id;
        await idle.SignInAsync(user.Email!, TestCompany.Password);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, PermissionsHub.Path), o => o.Cookies = connected.Cookies).Build();
        var welcomed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, _ => welcomed.TrySetResult());
        await hub.StartAsync();
        await welcomed.Task.WaitAsync(TimeSpan.FromSeconds(10));   // the server has registered the connection by then

        var sessions = (await ListAsync(company.OwnerId, user.Id)).Value!;

        Assert.True(sessions.Single(s => s.Id == connectedId).Online);
        Assert.False(sessions.Single(s => s.Id != connectedId).Online);
    }

    [Fact]
    public async Task EachSignIn_IsListed_WithDeviceAndAddress()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Lisa");
        using var first = new BrowserSession(host);
        using var second = new BrowserSession(host);
        await first.SignInAsync(user.Email!, TestCompany.Password);
        await second.SignInAsync(user.Email!, TestCompany.Password);

        var sessions = (await ListAsync(company.OwnerId, user.Id)).Value!;

        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal("127.0.0.1", s.IpAddress));
        Assert.All(sessions, s => Assert.False(string.IsNullOrEmpty(s.Device)));
    }

    [Fact]
    public async Task AdminSignsOutOneSession_ThatCookieStops_TheOtherGoesOn_AndItIsAudited()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Olaf");
        using var first = new BrowserSession(host);
        using var second = new BrowserSession(host);
        await first.SignInAsync(user.Email!, TestCompany.Password);
        var firstSession = Assert.Single((await ListAsync(company.OwnerId, user.Id)).Value!).Id;
        await second.SignInAsync(user.Email!, TestCompany.Password);

        var ended = await EndAsync(company.OwnerId, user.Id, firstSession);

        Assert.True(ended.Succeeded, ended.Error);
        Assert.False(await first.IsSignedInAsync());
        Assert.True(await second.IsSignedInAsync());
        Assert.Single((await ListAsync(company.OwnerId, user.Id)).Value!);
        var entry = await host.DbAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectId == user.Id && e.Action == AuditAction.SessionsEnded));
        Assert.Equal(("2 open", "1 open"), (entry.Before, entry.After));
        Assert.StartsWith("One session (", entry.What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEveryCookie_AndClosesTheHubConnections()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Evi");
        using var browser = new BrowserSession(host);
        using var phone = new BrowserSession(host);
        await browser.SignInAsync(user.Email!, TestCompany.Password);
        await phone.SignInAsync(user.Email!, TestCompany.Password);
        var closed = new TaskCompletionSource();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, PermissionsHub.Path), o => o.Cookies = phone.Cookies).Build();
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await connection.StartAsync();

        var ended = await EndAsync(user.Id, user.Id, null);

        Assert.Equal(2, ended.Value);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(await browser.IsSignedInAsync());
        Assert.False(await phone.IsSignedInAsync());
    }

    [Fact]
    public async Task NonAdmin_CannotEndAnotherUsersSessions_AndNothingChanges()
    {
        var company = await host.CreateCompanyAsync();
        var victim = await company.AddUserAsync("Vic");
        var attacker = await company.AddUserAsync("Mal");
        using var session = new BrowserSession(host);
        await session.SignInAsync(victim.Email!, TestCompany.Password);

        var ended = await EndAsync(attacker.Id, victim.Id, null);

        Assert.False(ended.Succeeded);
        Assert.True(await session.IsSignedInAsync());
        Assert.Equal(0, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == victim.Id && e.Action == AuditAction.SessionsEnded)));
    }

    [Fact]
    public async Task Admin_CannotSignOutTheOwner()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Adam", admin: true);
        using var owner = new BrowserSession(host);
        await owner.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var ended = await EndAsync(admin.Id, company.OwnerId, null);

        Assert.Equal("Only the company owner can sign out the owner's sessions.", ended.Error);
        Assert.True(await owner.IsSignedInAsync());
    }

    [Fact]
    public async Task SessionsOfAnotherCompany_AreNotFound()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);
        await session.SignInAsync(other.OwnerEmail, TestCompany.Password);

        Assert.True((await ListAsync(company.OwnerId, other.OwnerId)).IsNotFound);
        Assert.True((await EndAsync(company.OwnerId, other.OwnerId, null)).IsNotFound);
        Assert.True(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task RequiredPasswordChange_LeadsToTheChangePage_UntilANewPasswordIsChosen()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rex");
        var required = await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().RequirePasswordChangeAsync(company.OwnerId, user.Id, true));
        Assert.True(required.Succeeded, required.Error);
        using var session = new BrowserSession(host);
        await session.SignInAsync(user.Email!, TestCompany.Password);

        var home = await session.GetAsync("/my-tasks");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/ChangePassword?required=true", home.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("choose a new password", await session.GetPageAsync(home.Headers.Location!.ToString()));

        var changed = await session.SubmitAsync(home.Headers.Location!.ToString(), "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestCompany.Password, ["Input.Password"] = "Brand-new-1", ["Input.ConfirmPassword"] = "Brand-new-1",
        });

        Assert.Equal("/my-tasks", changed.Headers.Location!.ToString().Replace(host.BaseAddress.ToString(), "/"));
        Assert.True(await session.IsSignedInAsync());
        Assert.False((await host.FindUserAsync(user.Id))!.MustChangePassword);
    }

    [Fact]
    public async Task Admin_CannotRequireTheOwnerToChangePassword()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Ada", admin: true);

        var result = await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().RequirePasswordChangeAsync(admin.Id, company.OwnerId, true));

        Assert.False(result.Succeeded);
        Assert.False((await host.FindUserAsync(company.OwnerId))!.MustChangePassword);
    }
}
