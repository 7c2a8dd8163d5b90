using System.Text.RegularExpressions;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class CopyFromTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task CopyFrom_PicksAColleague_ShowsThePreview_ThenAppliesIt_WithAReceipt()
    {
        var company = await host.CreateCompanyAsync();
        var source = await company.AddUserAsync("Sofia");
        var target = await company.AddUserAsync("Teo");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, source.Id, Platform.Web, PermissionKey.Analytics, true, 0));
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, source.Id, Platform.Mobile, PermissionKey.TasksView, true, 1));

        await using var context = await browser.NewContextAsync(host);
        var admin = await context.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.GotoAsync($"users/{target.Id}?tab=permissions");
        await admin.WaitForCircuitAsync();

        await admin.GetByTestId("copy-from").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Copy the permissions of").FillAsync("Sofia");
        await admin.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("Sofia Tester") }).ClickAsync();

        await Expect(dialog.GetByTestId("preview-summary")).ToHaveTextAsync("+2 / −0");
        await Expect(dialog.GetByTestId("preview-gained")).ToContainTextAsync("Analytics (web)");
        await Expect(dialog.GetByTestId("preview-gained")).ToContainTextAsync("Tasks view (mobile)");
        await admin.Screenshot("16-copy-from-preview");
        await dialog.GetByTestId("copy-apply").ClickAsync();

        await Expect(admin.GetByText("Permissions copied to Teo Tester (+2 / −0).")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("receipt")).ToContainTextAsync("Saved — Teo has no open tab; it applies at their next page.");
        await Expect(admin.GetByTestId("access-Web").GetByRole(AriaRole.Switch, new() { Name = "Analytics", Exact = true })).ToBeCheckedAsync();
        await Expect(admin.GetByTestId("history-row").First).ToContainTextAsync("Copy");
        Assert.True((await host.FindUserAsync(target.Id))!.WebAccess.Has(PermissionKey.Analytics));
    }
}
