using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Common;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Permissions;
using Hesh.Tests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>
/// A department-scoped holder of "Users permissions" in the browser: the Users list and "Who has this?" show only
/// their department, and a permission is revoked for two selected people through the usual preview.
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class UsersScopeFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task ADepartmentScopedHolder_SeesOnlyTheirDepartment_AndRevokesForTwoSelectedThroughThePreview()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var abe = await c.Company.AddUserAsync("Abe");
        Assert.True((await host.Call<PositionService, Result>(s => s.AssignAsync(c.OwnerId, abe.Id, c.Assembly, null))).Succeeded);
        await ScopedCompany.ToggleAsync(host, c.OwnerId, abe.Id, PermissionKey.Analytics, true);

        // CSP bypassed (tests only) so axe-core can be injected for the new page.
        await using var context = await browser.NewContextBypassingCspAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(c.Holder.Email!, TestCompany.Password);

        await page.GotoAsync("users");
        await page.WaitForCircuitAsync();
        var grid = page.GetByTestId("users-grid");
        await Expect(grid).ToContainTextAsync("Ada Tester");
        await Expect(grid).ToContainTextAsync("Abe Tester");
        foreach (var outside in new[] { "Pia Tester", "Wes Tester", "Nina Tester" })
        {
            await Expect(grid).Not.ToContainTextAsync(outside);
        }
        await page.Screenshot("scope-users-1400");

        await page.GetByTestId("access-by-permission").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/users/access"));
        await page.ChooseAsync(page.GetByTestId("permission-picker"), "Analytics (web access)", exact: true);
        var table = page.GetByTestId("holders-table");
        await Expect(table).ToContainTextAsync("Ada Tester");
        await Expect(table).ToContainTextAsync("Abe Tester");
        await Expect(table).Not.ToContainTextAsync("Pia Tester");
        await Expect(page.GetByTestId("holders-count")).ToContainTextAsync("4 users");
        await page.Screenshot("scope-access-1400");
        var audit = new AxeAudit(page);
        await audit.CheckAsync("Access by permission");
        Assert.True(audit.Failures(new HashSet<(string, string)>()).Count == 0, audit.Details());

        foreach (var name in new[] { "Ada Tester", "Abe Tester" })
        {
            await table.Locator("tbody tr").Filter(new() { HasText = name }).GetByRole(AriaRole.Checkbox).CheckAsync();
        }
        await page.Screenshot("scope-access-selected-1400");
        await Expect(page.GetByTestId("holders-selected")).ToHaveTextAsync("2 users selected");
        await page.GetByTestId("revoke-selected").ClickAsync();
        await Expect(page.GetByTestId("bulk-summary")).ToContainTextAsync("2 users will change (+0 / −2 in all)");
        await page.Screenshot("scope-revoke-preview-1400");
        await page.GetByTestId("bulk-apply").ClickAsync();
        await Expect(page.GetByTestId("bulk-outcome")).ToContainTextAsync("Changed 2 users; unchanged 0; skipped 0.");
        await page.GetByTestId("bulk-done").ClickAsync();
        await Expect(table).Not.ToContainTextAsync("Ada Tester");
        await Expect(page.GetByTestId("holders-count")).ToContainTextAsync("2 users");

        await page.SetViewportSizeAsync(390, 844);
        await page.Screenshot("scope-access-390");
        await page.GotoAsync("users");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("users-grid")).ToContainTextAsync("Ada Tester");
        await page.Screenshot("scope-users-390");

        // On Ada's Permissions tab, switching "Users permissions" on shows the reach select, offering only the holder's own scope.
        await page.SetViewportSizeAsync(1400, 900);
        await page.GotoAsync($"users/{c.Ada.Id}?tab=permissions");
        await page.WaitForCircuitAsync();
        await page.GetByTestId("Web-UsersPermissions").CheckAsync();
        var reach = page.GetByTestId("Web-users-scope-select");
        await Expect(reach).ToBeVisibleAsync();
        await page.Screenshot("scope-select-1400");
        await page.SetViewportSizeAsync(390, 844);
        await page.Screenshot("scope-select-390");
        Assert.Equal(UserScope.Department, (await host.FindUserAsync(c.Ada.Id))!.WebAccess.UsersScope);

        Assert.False((await host.FindUserAsync(c.Ada.Id))!.WebAccess.Has(PermissionKey.Analytics));
        Assert.False((await host.FindUserAsync(abe.Id))!.WebAccess.Has(PermissionKey.Analytics));
        Assert.True((await host.FindUserAsync(c.Pia.Id))!.WebAccess.Has(PermissionKey.Analytics));
    }
}
