using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.E2E;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.MultiNode;

[Trait("Category", "MultiNode")]
[Collection("Browser")]
public sealed class TwoNodeTests(TwoNodes nodes, BrowserHost browser) : IClassFixture<TwoNodes>
{
    private static void RequireServers() =>
        Assert.SkipUnless(TwoNodes.Available, "PostgreSQL and Redis are not configured (HESH_TEST_POSTGRES, HESH_TEST_REDIS); test.sh sets them.");

    [Fact]
    public async Task Postgres_ModelHasNoChangesWithoutAMigration_AndSearchIgnoresCase()
    {
        RequireServers();
        Assert.False(await nodes.A.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<HeshDbContext>().Database.HasPendingModelChanges())));
        var company = await nodes.A.CreateCompanyAsync();
        await company.AddUserAsync("Zuzana");

        var found = await nodes.B.WithScopeAsync(s => s.GetRequiredService<UserQueries>().ListAsync(company.OwnerId, new UserListQuery("ZUZ")));

        Assert.Equal("Zuzana Tester", Assert.Single(found.Value!.Items).FullName);
    }

    [Fact]
    public async Task Postgres_HoldsExactlyOneOwner()
    {
        RequireServers();
        var company = await nodes.A.CreateCompanyAsync();
        var other = await company.AddUserAsync("Usurper");

        await Assert.ThrowsAsync<DbUpdateException>(() => nodes.B.DbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == other.Id)).IsOwner = true;
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task CookieFromNodeA_WorksOnNodeB_AndAChangeMadeOnA_ReachesTheHubClientOnB()
    {
        RequireServers();
        var company = await nodes.A.CreateCompanyAsync();
        var user = await company.AddUserAsync("Mira");
        using var onA = new BrowserSession(nodes.A.BaseAddress);
        await onA.SignInAsync(user.Email!, TestCompany.Password);
        using var onB = new BrowserSession(nodes.B.BaseAddress, onA.Cookies);
        Assert.True(await onB.IsSignedInAsync());

        var received = Channel.CreateUnbounded<PermissionsSnapshot>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nodes.B.BaseAddress, PermissionsHub.Path), o => o.Cookies = onA.Cookies).Build();
        connection.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged, s => received.Writer.TryWrite(s));
        await connection.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await received.Reader.ReadAsync(timeout.Token);

        var changed = await nodes.A.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, user.Id, Platform.Mobile, PermissionKey.TasksView, true, 0));
        Assert.True(changed.Succeeded, changed.Error);

        var snapshot = await received.Reader.ReadAsync(timeout.Token);
        Assert.Contains("TasksView", snapshot.Mobile);
        Assert.Equal(1, snapshot.Version);
    }

    [Fact]
    public async Task AChangeMadeOnNodeA_ReachesTheUsersBrowserTabOnNodeB()
    {
        RequireServers();
        var company = await nodes.A.CreateCompanyAsync();
        var user = await company.AddUserAsync("Tabby");
        await nodes.A.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.CompanyProfile, true, 0));
        await using var context = await browser.NewContextAsync(nodes.B);
        var tab = await context.NewPageAsync();
        await new SignInPage(tab).SignInAsync(user.Email!, TestCompany.Password);
        await tab.WaitForCircuitAsync();
        await tab.GetByRole(AriaRole.Link, new() { Name = "Company profile" }).ClickAsync();
        await Expect(tab.GetByRole(AriaRole.Heading, new() { Name = "Company profile" })).ToBeVisibleAsync();

        await nodes.A.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.CompanyProfile, false, 1));

        await Expect(tab.GetByTestId("access-removed")).ToContainTextAsync("removed by Olga Owner");
        await Expect(tab.GetByRole(AriaRole.Link, new() { Name = "Company profile" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ARemovalOnNodeA_WarnsOfThePageOpenOnNodeB_AndTheAdminOnA_SeesItAppliedToTheTabAndTheAppOnB()
    {
        RequireServers();
        var company = await nodes.A.CreateCompanyAsync();
        var user = await company.AddUserAsync("Nora");
        await nodes.A.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(company.OwnerId, user.Id, Platform.Web, PermissionKey.CompanyProfile, true, 0));
        // Both of the user's clients are on node B: a browser tab on Company profile, and the app on the hub.
        await using var userContext = await browser.NewContextAsync(nodes.B);
        var tab = await userContext.NewPageAsync();
        await new SignInPage(tab).SignInAsync(user.Email!, TestCompany.Password);
        await tab.WaitForCircuitAsync();
        await tab.GetByRole(AriaRole.Link, new() { Name = "Company profile" }).ClickAsync();
        await Expect(tab.GetByRole(AriaRole.Heading, new() { Name = "Company profile" })).ToBeVisibleAsync();
        using var app = new BrowserSession(nodes.B.BaseAddress);
        await app.SignInAsync(user.Email!, TestCompany.Password);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(nodes.B.BaseAddress, PermissionsHub.Path), o => o.Cookies = app.Cookies).Build();
        connection.On<PermissionsSnapshot>(PermissionsHub.PermissionsChanged,
            s => s.Receipt is { } receipt ? connection.InvokeAsync(nameof(PermissionsHub.Acknowledge), receipt) : Task.CompletedTask);
        await connection.StartAsync();

        // Node A holds neither client, yet knows both, and its warning before the removal names the page open on B.
        var presenceOnA = nodes.A.Services.GetRequiredService<ILivePresence>();
        await EventuallyAsync(async () => (await presenceOnA.OnlineSessionsOfAsync(user.Id)).Count == 2
            && (await presenceOnA.OpenPagesOfAsync(user.Id)).Any(p => p.Requires == PermissionKey.CompanyProfile));
        var preview = await nodes.A.WithScopeAsync(s => s.GetRequiredService<AccessPlanService>()
            .PreviewAsync(company.OwnerId, user.Id, new AccessPlan.Revoke(Platform.Web, [PermissionKey.CompanyProfile])));
        var closed = Assert.Single(preview.Value!.PagesClosed);
        Assert.Equal(PermissionKey.CompanyProfile, closed.Requires);
        Assert.Contains("company", closed.Path, StringComparison.OrdinalIgnoreCase);

        // The admin on node A switches it off: the receipt there counts the tab and the app on B, both applied.
        await using var adminContext = await browser.NewContextAsync(nodes.A);
        var admin = await adminContext.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.WaitForCircuitAsync();
        await admin.GotoAsync($"users/{user.Id}?tab=permissions");
        await admin.WaitForCircuitAsync();
        await admin.GetByTestId("access-Web").GetByRole(AriaRole.Switch, new() { Name = "Company profile", Exact = true }).ClickAsync();

        await Expect(tab.GetByTestId("access-removed")).ToContainTextAsync("removed by Olga Owner");
        await Expect(admin.GetByTestId("receipt")).ToContainTextAsync(new Regex(@"^Saved — all 2 of \w+'s open tabs have it now\.$"));
        var receipt = await presenceOnA.ReceiptAsync(user.Id);
        Assert.Equal((2, 2), (receipt.Applied, receipt.Open));
    }

    [Fact]
    public async Task ElevenSignInPostsSpreadOverBothNodes_MeetTheLimitOfTen()
    {
        RequireServers();
        var company = await nodes.A.CreateCompanyAsync();
        // An address of this run's own: a window an earlier run left in Redis never counts here.
        var address = $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        using var onA = new BrowserSession(nodes.A).From(address);
        using var onB = new BrowserSession(nodes.B).From(address);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            // Six posts reach A and five B: neither node alone is over ten.
            statuses.Add((await (i % 2 == 0 ? onA : onB).SignInAsync(company.OwnerEmail, $"Guess-{i}-x")).StatusCode);
        }

        Assert.All(statuses.Take(10), status => Assert.NotEqual(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task GuessesAtAnUnknownEmailSpreadOverBothNodes_AreThrottledAfterFive()
    {
        RequireServers();
        var address = $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        var nobody = $"nobody-{Guid.NewGuid():N}@test.hesh";
        using var onA = new BrowserSession(nodes.A).From(address);
        using var onB = new BrowserSession(nodes.B).From(address);

        var pages = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            pages.Add(await (await (i % 2 == 0 ? onA : onB).SignInAsync(nobody, "Wrong-pass-1")).Content.ReadAsStringAsync());
        }

        Assert.All(pages.Take(5), page => Assert.DoesNotContain("Too many attempts from this address.", page));
        Assert.Contains("Too many attempts from this address.", pages[5]);
    }

    /// <summary>Presence travels through Redis fire-and-forget: wait (bounded) until the other node has it.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
