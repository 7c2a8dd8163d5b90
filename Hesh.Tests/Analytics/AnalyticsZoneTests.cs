using Bunit;
using Hesh.Core.Data;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Analytics;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Analytics;

/// <summary>The Analytics page's "today" is the company's, as the report's: a custom period may end on it.</summary>
public sealed class AnalyticsZoneTests : HeshComponentTest
{
    // 23:30 UTC on 1 December is 01:30 on the 2nd in Kyiv.
    private static readonly DateTime Now = new(2026, 12, 1, 23, 30, 0, DateTimeKind.Utc);

    public AnalyticsZoneTests() => Services.AddSingleton<TimeProvider>(new ManualClock(new DateTimeOffset(Now)));

    [Fact]
    public async Task At_2330_utc_a_Kyiv_company_applies_a_custom_period_ending_on_its_today_and_keeps_that_day()
    {
        var (owner, _) = await SeedCompanyAsync("Ana");
        await WithDbAsync(async s =>
        {
            await s.GetRequiredService<HeshDbContext>().Companies.Where(c => c.Id == owner.CompanyId)
                .ExecuteUpdateAsync(x => x.SetProperty(c => c.TimeZone, "Europe/Kyiv"));
            var products = s.GetRequiredService<ProductService>();
            var productId = (await products.CreateAsync(owner.Id, new ProductInput { Name = "Gate" })).Value;
            await products.SaveDraftAsync(owner.Id, productId, new ProductInput { Name = "Gate" }, [new StepInput { Name = "Weld" }]);
            await products.PublishAsync(owner.Id, productId);
            return await s.GetRequiredService<ProductionService>().LaunchAsync(owner.Id, new LaunchInput { ProductId = productId });
        });
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var page = Render<AnalyticsPage>();
        page.WaitForElement("[data-testid=range-custom]");
        Assert.EndsWith("range=30", page.Find("[data-testid=csv-productions-by-status]").GetAttribute("href"));

        // The custom period opens on the shown one (ending on Kyiv's 2 December) and is applied as it is.
        await page.Find("[data-testid=range-custom]").ClickAsync(new MouseEventArgs());
        page.WaitForElement("[data-testid=custom-range]");
        await page.Find("[data-testid=custom-apply]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=custom-range]")));
        Assert.EndsWith("range=custom&from=2026-11-03&to=2026-12-02", page.Find("[data-testid=csv-productions-by-status]").GetAttribute("href"));
    }
}
