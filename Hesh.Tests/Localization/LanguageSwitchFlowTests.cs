using Hesh.Tests.E2E;
using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.Localization;

/// <summary>
/// Issue 16 §1 in chromium: a person on an English browser chooses Ukrainian in My profile; the open tab's menu and a
/// Permissions tab speak Ukrainian at once (the tab reloads itself, no sign-out); the choice is on the account, so the
/// sign-in page after signing out, and everything after signing in again, stay Ukrainian.
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class LanguageSwitchFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task Ukrainian_chosen_in_My_profile_changes_the_menu_and_Permissions_tab_at_once_and_stays_after_signing_out_and_in()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();
        await page.GotoAsync($"users/{company.OwnerId}");
        await page.WaitForCircuitAsync();
        var menu = page.Locator("#hesh-drawer nav");
        await Expect(menu).ToContainTextAsync("My profile");

        await page.GetByTestId("pref-language").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Українська", Exact = true }).ClickAsync();
        await page.GetByTestId("pref-save").ClickAsync();

        // The same tab, without signing out: the menu speaks Ukrainian, and so does another screen opened from it.
        await Expect(menu).ToContainTextAsync("Мій профіль");
        await Expect(menu).Not.ToContainTextAsync("My profile");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");
        Assert.Equal("uk", (await host.FindUserAsync(company.OwnerId))!.Language);
        await page.WaitForCircuitAsync();
        await page.GotoAsync($"users/{anna.Id}?tab=permissions");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("access-Web")).ToContainTextAsync("Перегляд продуктів");
        await page.Screenshot("16-language-switched-uk-1400");

        // Signed out, on the same English browser: the sign-in page keeps the person's language.
        await page.Locator("form[action='Account/Logout'] button").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("Account/Login", StringComparison.OrdinalIgnoreCase));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");
        await page.Screenshot("16-language-sign-in-uk-1400");
        await page.Locator("#email").FillAsync(company.OwnerEmail);
        await page.Locator("#password").FillAsync(TestCompany.Password);
        await page.Locator("button[type=submit]").First.ClickAsync();
        await page.WaitForCircuitAsync();

        await page.GotoAsync($"users/{anna.Id}?tab=permissions");
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("#hesh-drawer nav")).ToContainTextAsync("Мій профіль");
        await Expect(page.GetByTestId("access-Web")).ToContainTextAsync("Веб-доступ");
        await page.SetViewportSizeAsync(390, 844);
        await page.Screenshot("16-language-after-sign-in-uk-390");
    }
}
