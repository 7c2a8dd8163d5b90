using Hesh.Core.SignIns;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>A password re-entered in a dialog goes through the circuit, yet is filed with the browser's own address and device.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class ReentryFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task A_wrong_password_in_the_transfer_dialog_is_filed_with_the_browsers_address_and_device()
    {
        var company = await host.CreateCompanyAsync();
        var heir = await company.AddUserAsync("Hugo");
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.GotoAsync($"users/{heir.Id}");
        await page.WaitForCircuitAsync();

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "More actions" }).ClickAsync();
        await page.GetByText("Transfer ownership…").ClickAsync();
        await page.GetByTestId("transfer-password").FillAsync("Wrong-pass-1");
        await page.GetByTestId("transfer-confirm").ClickAsync();

        await Expect(page.GetByText("The password is not correct.")).ToBeVisibleAsync();
        var filed = await host.DbAsync(db => db.SignInAttempts.SingleAsync(a => a.UserId == company.OwnerId && a.Outcome == SignInOutcome.WrongPassword));
        Assert.Equal(("127.0.0.1", "Chrome (headless) on Linux"), (filed.IpAddress, filed.Device));
    }
}
