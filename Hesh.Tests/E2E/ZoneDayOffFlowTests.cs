using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>An admin of a Kyiv company enters a day-off on Kyiv's clock; it is stored in UTC by season and read back at 22:00.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class ZoneDayOffFlowTests(AppHost host, BrowserHost browser)
{
    private static ILocator Field(IPage page, string id) => page.Locator($"input[data-testid={id}], [data-testid={id}] input").First;

    private static async Task TypeAsync(IPage page, string id, string value)
    {
        var input = Field(page, id);
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    [Fact]
    public async Task AKyivAdminEnters22h00_ItShowsAs22h00ToAKyivViewer_AndIsStored20h00ZInWinterAnd19h00ZInSummer()
    {
        var company = await host.CreateCompanyAsync();
        await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.TimeZone, "Europe/Kyiv")));
        var anna = await company.AddUserAsync("Anna");
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();
        await page.GotoAsync($"users/{anna.Id}?tab=dayoffs");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByText("From (time, Europe/Kyiv)").First).ToBeVisibleAsync();

        foreach (var (from, to) in new[] { ("2027-01-10", "2027-01-12"), ("2027-07-10", "2027-07-12") })
        {
            await Circuit.RetryAsync(async () =>
            {
                await TypeAsync(page, "dayoff-start-date", from);
                await TypeAsync(page, "dayoff-start-time", "22:00");
                await TypeAsync(page, "dayoff-end-date", to);
                await TypeAsync(page, "dayoff-end-time", "22:00");
                await page.GetByTestId("dayoff-add").ClickAsync();
            }, async () => await page.GetByTestId("dayoff-from").GetByText($"{from} 22:00").CountAsync() > 0);
        }

        await Expect(page.GetByTestId("dayoffs-table")).ToContainTextAsync("From (Europe/Kyiv)");
        await Expect(page.GetByTestId("dayoff-to").GetByText("2027-07-12 22:00")).ToBeVisibleAsync();
        var stored = await host.DbAsync(db => db.DayOffs.AsNoTracking().Where(d => d.UserId == anna.Id).OrderBy(d => d.Start).Select(d => d.Start).ToListAsync());
        Assert.Equal([new DateTime(2027, 1, 10, 20, 0, 0), new DateTime(2027, 7, 10, 19, 0, 0)], stored);
        await page.Screenshot("zone-dayoffs-1400");
        await page.SetViewportSizeAsync(390, 844);
        await page.Screenshot("zone-dayoffs-390");
    }
}
