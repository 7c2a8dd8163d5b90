using System.Text.RegularExpressions;
using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class BulkFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task BulkGrant_FromTheUsersList_PreviewsEachUser_Applies_AndReportsTheOutcomeWithAReceipt()
    {
        var company = await host.CreateCompanyAsync();
        var first = await company.AddUserAsync("Bea");
        var second = await company.AddUserAsync("Bob");

        await using var context = await browser.NewContextAsync(host);
        var admin = await context.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.GotoAsync("users");
        await admin.WaitForCircuitAsync();
        // The owner too: an administrator is skipped, and what would have changed for them is not in the totals.
        foreach (var name in new[] { "Bea Tester", "Bob Tester", company.OwnerEmail })
        {
            await admin.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).GetByRole(AriaRole.Checkbox).CheckAsync();
        }
        await Expect(admin.GetByTestId("selected-count")).ToHaveTextAsync("3 selected");

        await admin.GetByTestId("bulk-grant").ClickAsync();
        await admin.GetByTestId("bulk-permissions").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Analytics" }).ClickAsync();
        // Close the list (a click outside it; Escape would close the dialog too).
        await admin.GetByRole(AriaRole.Dialog).GetByText("Grant to 3 users").ClickAsync();
        await admin.GetByTestId("bulk-preview").ClickAsync();

        await Expect(admin.GetByTestId("bulk-summary")).ToContainTextAsync("2 users will change (+2 / −0 in all); 0 already match; 1 will be skipped.");
        await Expect(admin.GetByTestId("bulk-row")).ToHaveCountAsync(3);
        await admin.Screenshot("17-bulk-preview");
        await admin.GetByTestId("bulk-apply").ClickAsync();

        await Expect(admin.GetByTestId("bulk-outcome")).ToContainTextAsync("Changed 2 users; unchanged 0; skipped 1.");
        await Expect(admin.GetByTestId("bulk-receipt")).ToContainTextAsync("Saved — none of these 2 people has an open tab; it applies at their next page.");
        await admin.GetByTestId("bulk-done").ClickAsync();
        await Expect(admin.GetByTestId("bulk-toolbar")).ToHaveCountAsync(0);
        Assert.True((await host.FindUserAsync(first.Id))!.WebAccess.Has(PermissionKey.Analytics));
        Assert.True((await host.FindUserAsync(second.Id))!.WebAccess.Has(PermissionKey.Analytics));
    }
}
