using System.Text.RegularExpressions;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
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
        await dialog.GetByTestId("template-Web").GetByRole(AriaRole.Checkbox, new() { Name = "Analytics" }).CheckAsync();
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
}
