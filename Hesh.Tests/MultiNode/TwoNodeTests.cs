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
}
