using Hesh.Tests.E2E;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.Localization;

/// <summary>A person who chose Ukrainian sees the menu and the Permissions tab in Ukrainian in the browser (screenshots at 1400 and 390 px).</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class UkrainianScreensTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task APersonWhoChoseUkrainian_SeesTheMenuAndPermissionsTabInUkrainian()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await host.DbAsync(db => db.Users.Where(u => u.Id == company.OwnerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, "uk")));

        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();
        await page.GotoAsync($"users/{anna.Id}?tab=permissions");
        await page.WaitForCircuitAsync();

        await Expect(page.GetByTestId("access-Web")).ToContainTextAsync("Веб-доступ");
        await Expect(page.GetByTestId("access-Web")).ToContainTextAsync("Перегляд продуктів");
        await Expect(page.Locator("#hesh-drawer nav")).ToContainTextAsync("Мій профіль");
        await page.Screenshot("16-l10n-permissions-uk-1400");
        await page.SetViewportSizeAsync(390, 844);
        await page.Screenshot("16-l10n-permissions-uk-390");
    }
}
