using Hesh.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>The user page's tabs are MudTabs' markup written out (a fraction of the memory): they must still work on a phone.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class UserPageLayoutTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task OnAPhone_TheTabsBarScrollsSideways_SoEveryTabIsReachable_AndOpensItsPanel()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();

        await page.SetViewportSizeAsync(1400, 900);
        await page.GotoAsync($"users/{anna.Id}?tab=permissions");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("tab-permissions")).ToBeVisibleAsync();
        await page.Screenshot("user-page-permissions-1400");

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"users/{anna.Id}");
        await page.WaitForCircuitAsync();
        var bar = page.Locator(".hesh-user-tabs .mud-tabs-tabbar-content");
        // Wider than the screen, and the bar — not the page — scrolls: a swipe reaches the last tab.
        Assert.True(await bar.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)"));
        await bar.EvaluateAsync("e => e.scrollLeft = e.scrollWidth");
        var dayOffs = page.GetByRole(AriaRole.Tab, new() { Name = "Day-offs" });
        Assert.True(await dayOffs.EvaluateAsync<bool>("b => { const r = b.getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth; }"),
            "the last tab is on screen once the bar is scrolled");
        await Circuit.RetryAsync(() => page.GetByRole(AriaRole.Tab, new() { Name = "Permissions" }).ClickAsync(),
            async () => await page.GetByTestId("tab-permissions").IsVisibleAsync());
        await page.Screenshot("user-page-permissions-390");
    }
}
