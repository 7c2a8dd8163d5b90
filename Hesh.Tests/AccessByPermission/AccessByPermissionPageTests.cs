using Bunit;
using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.AccessByPermission;

/// <summary>The "Access by permission" page: the holders Core returns, an empty state, and the notice for those without the right.</summary>
public sealed class AccessByPermissionPageTests : HeshComponentTest
{
    private IRenderedComponent<AccessByPermissionPage> RenderPage(string permission)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"users/access?permission={permission}");
        return Render<AccessByPermissionPage>();
    }

    [Fact]
    public async Task AnAdmin_SeesTheHoldersOfThePermission_WithTheirSource()
    {
        var (owner, _) = await SeedCompanyAsync("Gina", ("Ana", "Lyst", false, Build.Grant(Platform.Web, PermissionKey.Analytics)), ("Bo", "Plain", false, null));
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();

        var page = RenderPage("Web.Analytics");

        page.WaitForAssertion(() => Assert.Contains("Ana Lyst", page.Find("[data-testid=holders-table]").TextContent));
        Assert.DoesNotContain("Bo Plain", page.Markup);
        Assert.Contains("Gina Owner", page.Markup);
        Assert.Contains("Administrator (holds every permission)", page.Markup);
        Assert.Contains("Analytics (web access) · 2 users", page.Find("[data-testid=holders-count]").TextContent);
    }

    [Fact]
    public async Task SelectingHolders_ShowsRevokeForSelected()
    {
        var (owner, _) = await SeedCompanyAsync("Gina", ("Ana", "Lyst", false, Build.Grant(Platform.Web, PermissionKey.Analytics)));
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var page = RenderPage("Web.Analytics");
        page.WaitForAssertion(() => Assert.Contains("Ana Lyst", page.Markup));

        page.FindAll("tbody tr").Single(r => r.TextContent.Contains("Ana Lyst")).QuerySelector("input[type=checkbox]")!.Change(true);

        page.WaitForAssertion(() => Assert.Equal("1 user selected", page.Find("[data-testid=holders-selected]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=revoke-selected]"));
    }

    [Fact]
    public async Task NobodyInReachHoldingIt_ShowsTheEmptyState()
    {
        // A department-scoped holder in no department reaches only themself, and does not hold Company profile.
        var (_, people) = await SeedCompanyAsync("Gina", ("Hal", "Holder", false, AccessSet.Defaults(Platform.Web).WithUsersScope(UserScope.Department)));
        SignInAs(people[0].Id);
        Render<MudPopoverProvider>();

        var page = RenderPage("Web.CompanyProfile");

        page.WaitForAssertion(() => Assert.Contains("Nobody holds this", page.Markup));
        Assert.DoesNotContain("Gina Owner", page.Markup);
    }

    [Fact]
    public async Task WithoutUsersPermissions_TheNoAccessNoticeShows_NotTheHolders()
    {
        var (_, people) = await SeedCompanyAsync("Gina", ("Mo", "Member", false, null));
        SignInAs(people[0].Id);
        Render<MudPopoverProvider>();

        var page = RenderPage("Web.Analytics");

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-access]")));
        Assert.DoesNotContain("Gina Owner", page.Markup);
    }
}
