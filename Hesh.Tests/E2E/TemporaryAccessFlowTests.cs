using System.Globalization;
using Hesh.Core.Audit;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>
/// Temporary access in the browser: granted with a custom end from the "Grant until…" menu, it ends by itself — in real
/// time, on the shared host's expiry loop — and both the user's open tab and the admin's Permissions tab follow without a
/// reload. The shortened case moves a grant's end a few seconds ahead in the store (the test seam) to check the chip and
/// the tab's list of temporary grants as it goes.
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class TemporaryAccessFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task ShortenedGrant_ShowsItsChipAndTheTabsList_ThenLeavesBoth_AndTheMenuOffersThePresets()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var granted = await host.Call<TemporaryAccessService, Hesh.Core.Common.Result<Hesh.Core.Users.PermissionSheet>>(s =>
            s.GrantUntilAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, DateTime.UtcNow.AddHours(3), 0));
        Assert.True(granted.Succeeded, granted.Error);
        var level = await host.Call<TemporaryAccessService, Hesh.Core.Common.Result<Hesh.Core.Users.PermissionSheet>>(s =>
            s.GrantLevelUntilAsync(company.OwnerId, anna.Id, Platform.Web, TaskScope.Department, DateTime.UtcNow.AddDays(7), 1));
        Assert.True(level.Succeeded, level.Error);

        await using var context = await browser.NewContextAsync(host);
        var admin = await context.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.WaitForCircuitAsync();
        await admin.GotoAsync($"users/{anna.Id}?tab=permissions");
        await admin.WaitForCircuitAsync();
        var web = admin.GetByTestId("access-Web");

        await Expect(web.GetByTestId("Web-Analytics-until")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"until (\d{1,2} \w{3} )?\d\d:\d\d UTC \(3 h 0 min\)"));
        var list = admin.GetByTestId("temporary-grants");
        await Expect(list).ToContainTextAsync("Temporary access (3)");
        await Expect(list.GetByTestId("temporary-Web-Analytics")).ToContainTextAsync("Analytics (web access)");
        await Expect(list.GetByTestId("temporary-Web-TaskEditLevel")).ToContainTextAsync("then back to No access");
        await Expect(web.GetByTestId("Web-Analytics-why")).ToContainTextAsync("temporary until");
        await Expect(web.GetByTestId("Web-ProductsView-why")).ToContainTextAsync(GrantSources.Default);

        await web.GetByTestId("Web-ProductionsView-grant-until").ClickAsync();
        var menu = admin.GetByTestId("grant-until-menu");
        await Expect(menu.GetByRole(AriaRole.Button)).ToContainTextAsync(["1 hour", "8 hours", "End of today (23:59)", "1 week", "Grant", "Cancel"]);
        await admin.Screenshot("temp-02-permissions-tab-menu-open-1400");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "temp-02b-menu-open-1400-viewport.png") });
        await admin.SetViewportSizeAsync(390, 844);
        await admin.Screenshot("temp-03-permissions-tab-menu-open-390");
        await menu.ScrollIntoViewIfNeededAsync();
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "temp-03b-menu-open-390-viewport.png") });
        await admin.SetViewportSizeAsync(1400, 900);
        await menu.GetByRole(AriaRole.Button, new() { Name = "8 hours" }).ClickAsync();
        await Expect(list).ToContainTextAsync("Temporary access (4)");
        await Expect(web.GetByTestId("Web-ProductionsView-until")).ToContainTextAsync("(8 h 0 min)");

        // The seam: the grant's end moved a few seconds ahead in the store, as if three hours had gone by.
        await host.DbAsync(db => db.PermissionGrants.Where(g => g.UserId == anna.Id && g.Key == PermissionKey.Analytics)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.EndsAt, DateTime.UtcNow.AddSeconds(3))));

        await Expect(web.GetByRole(AriaRole.Switch, new() { Name = "Analytics", Exact = true })).Not.ToBeCheckedAsync();
        await Expect(web.GetByTestId("Web-Analytics-until")).ToHaveCountAsync(0);
        await Expect(list.GetByTestId("temporary-Web-Analytics")).ToHaveCountAsync(0);
        await Expect(list).ToContainTextAsync("Temporary access (3)");
        await Expect(admin.GetByText("Anna's temporary access ended by itself: Analytics.")).ToBeVisibleAsync();

        // End now, one click: the level falls back at once.
        await list.GetByRole(AriaRole.Button, new() { Name = "End now: Task edit level: User's department (web access)" }).ClickAsync();
        await Expect(list.GetByTestId("temporary-Web-TaskEditLevel")).ToHaveCountAsync(0);
        Assert.Equal(TaskScope.NoAccess, (await host.FindUserAsync(anna.Id))!.WebAccess.TaskScope);
        await admin.Screenshot("temp-04-permissions-tab-after-end-1400");
    }
}
