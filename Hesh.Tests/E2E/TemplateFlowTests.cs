using System.Text.RegularExpressions;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Microsoft.EntityFrameworkCore;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class TemplateFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task APositionTemplate_IsOfferedWhenThePositionIsAssigned_ThenTheUserFollowsIt()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Wim");
        await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AddPositionAsync(company.OwnerId, "Welder"));

        await using var context = await browser.NewContextAsync(host);
        var admin = await context.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.GotoAsync("departments");
        await admin.WaitForCircuitAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Permission template of Welder" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("template-Web").GetByRole(AriaRole.Switch, new() { Name = "Analytics" }).CheckAsync();
        await admin.Screenshot("18-template-dialog");
        await dialog.GetByTestId("template-save").ClickAsync();
        await Expect(admin.GetByText("Template of Welder saved.")).ToBeVisibleAsync();

        await admin.GotoAsync($"users/{user.Id}?tab=position");
        await admin.WaitForCircuitAsync();
        await admin.GetByTestId("position-select").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Welder" }).ClickAsync();
        await admin.GetByTestId("position-save").ClickAsync();

        var offer = admin.GetByRole(AriaRole.Dialog, new() { Name = "Apply the position's permissions?" });
        await Expect(offer.GetByTestId("preview-summary")).ToHaveTextAsync("+1 / −0");
        await Expect(offer.GetByTestId("preview-gained")).ToContainTextAsync("Analytics (web)");
        await offer.GetByTestId("preview-apply").ClickAsync();
        await Expect(admin.GetByText("Position template applied (+1 / −0).")).ToBeVisibleAsync();

        await admin.GotoAsync($"users/{user.Id}?tab=permissions");
        await admin.WaitForCircuitAsync();
        await Expect(admin.GetByTestId("template-status")).ToContainTextAsync("Follows the Welder template");
        await admin.Screenshot("19-permissions-tab");
        await admin.SetViewportSizeAsync(390, 844);
        await Expect(admin.GetByTestId("permission-history")).ToBeVisibleAsync();
        await admin.Screenshot("20-permissions-tab-narrow");
        Assert.True((await host.FindUserAsync(user.Id))!.WebAccess.Has(PermissionKey.Analytics));
    }

    [Fact]
    public async Task ADriftingUser_ShowsTheChip_AndResets_ThenAChangedTemplateIsOfferedToItsFollowers_AndRemovalIsConfirmed()
    {
        var company = await host.CreateCompanyAsync();
        var wim = await company.AddUserAsync("Wim");
        var zoe = await company.AddUserAsync("Zoe");
        await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AddPositionAsync(company.OwnerId, "Welder"));
        var welder = await host.DbAsync(db => db.Positions.SingleAsync(p => p.CompanyId == company.Id && p.Name == "Welder"));
        var template = AccessPair.Defaults.With(Platform.Web, AccessPair.Defaults.Web.With(PermissionKey.Analytics, true));
        await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().SetTemplateAsync(company.OwnerId, welder.Id, template));
        foreach (var user in new[] { wim, zoe })
        {
            await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AssignAsync(company.OwnerId, user.Id, null, welder.Id));
            await host.WithScopeAsync(s => s.GetRequiredService<AccessPlanService>().ApplyAsync(company.OwnerId, user.Id, new AccessPlan.FromPosition(welder.Id), 0, ChangeSource.Template, false));
        }
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, zoe.Id, Platform.Web, PermissionKey.TasksView, true, 1));

        await using var context = await browser.NewContextAsync(host);
        var admin = await context.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);

        // The Users list and the tab both say Zoe differs, by one permission; Reset brings her back after a preview.
        await admin.GotoAsync("users");
        await admin.WaitForCircuitAsync();
        var zoeRow = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = zoe.Email! });
        await Expect(zoeRow.GetByTestId("drift-chip")).ToHaveTextAsync("Differs from position template (1)");
        await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = wim.Email! }).GetByTestId("drift-chip")).ToHaveCountAsync(0);
        await admin.GotoAsync($"users/{zoe.Id}?tab=permissions");
        await admin.WaitForCircuitAsync();
        await Expect(admin.GetByTestId("template-status")).ToContainTextAsync("Differs from position template (1)");
        await Expect(admin.GetByTestId("template-drift")).ToHaveTextAsync("Compared with the Welder template: also has Tasks view (web).");
        await admin.GetByTestId("reset-to-template").ClickAsync();
        var reset = admin.GetByRole(AriaRole.Dialog);
        await Expect(reset.GetByTestId("preview-summary")).ToHaveTextAsync("+0 / −1");
        await reset.GetByTestId("preview-apply").ClickAsync();
        await Expect(admin.GetByTestId("template-status")).ToContainTextAsync("Follows the Welder template");

        // A changed template is offered to both followers, previewed, applied with progress and an outcome.
        await admin.GotoAsync("departments");
        await admin.WaitForCircuitAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Permission template of Welder" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("template-Web").GetByRole(AriaRole.Switch, new() { Name = "Company profile" }).CheckAsync();
        await dialog.GetByTestId("template-save").ClickAsync();
        var offer = admin.GetByRole(AriaRole.Dialog, new() { Name = "Update the 2 users who followed the old template?" });
        await Expect(offer).ToContainTextAsync("2 users had exactly the previous template of Welder");
        await offer.GetByTestId("confirm").ClickAsync();
        var bulk = admin.GetByRole(AriaRole.Dialog, new() { Name = "Apply the Welder template" });
        await Expect(bulk.GetByTestId("bulk-summary")).ToContainTextAsync("2 users will change (+2 / −0 in all)");
        await bulk.GetByTestId("bulk-apply").ClickAsync();
        await Expect(bulk.GetByTestId("bulk-outcome")).ToContainTextAsync("Changed 2 users");
        await Expect(bulk.GetByTestId("bulk-receipt")).ToContainTextAsync("Saved — none of these 2 people has an open tab; it applies at their next page.");
        await bulk.GetByTestId("bulk-done").ClickAsync();
        foreach (var user in new[] { wim, zoe })
        {
            Assert.True((await host.FindUserAsync(user.Id))!.WebAccess.Has(PermissionKey.CompanyProfile));
        }

        // Removing the template asks first; confirmed, it is gone and nobody's permissions change.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Permission template of Welder" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByTestId("template-remove").ClickAsync();
        var ask = admin.GetByRole(AriaRole.Dialog, new() { Name = "Remove the template of Welder?" });
        await ask.GetByTestId("confirm").ClickAsync();
        await Expect(admin.GetByText("Template of Welder removed.")).ToBeVisibleAsync();
        Assert.Null((await host.DbAsync(db => db.Positions.SingleAsync(p => p.Id == welder.Id))).Template);
        Assert.True((await host.FindUserAsync(zoe.Id))!.WebAccess.Has(PermissionKey.CompanyProfile));
    }
}
