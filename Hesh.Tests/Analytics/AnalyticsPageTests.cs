using Bunit;
using Hesh.Core.Analytics;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Analytics;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Analytics;

public sealed class AnalyticsPageTests : HeshComponentTest
{
    private async Task<HeshUser> SeedAsync(int productions)
    {
        var (owner, _) = await SeedCompanyAsync("Ana");
        await WithDbAsync(async s =>
        {
            if (productions == 0)
            {
                return 0;
            }
            var products = s.GetRequiredService<ProductService>();
            var productId = (await products.CreateAsync(owner.Id, new ProductInput { Name = "Gate" })).Value;
            await products.SaveDraftAsync(owner.Id, productId, new ProductInput { Name = "Gate" }, [new StepInput { Name = "Weld" }]);
            await products.PublishAsync(owner.Id, productId);
            for (var i = 0; i < productions; i++)
            {
                await s.GetRequiredService<ProductionService>().LaunchAsync(owner.Id, new LaunchInput { ProductId = productId });
            }
            return productions;
        });
        return owner;
    }

    private IRenderedComponent<AnalyticsPage> RenderPage(HeshUser user)
    {
        SignInAs(user.Id);
        Render<MudPopoverProvider>();
        var page = Render<AnalyticsPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        return page;
    }

    private static IRenderedComponent<MudChart<double>> Chart(IRenderedComponent<AnalyticsPage> page, ChartType type) =>
        page.FindComponents<MudChart<double>>().First(c => c.Instance.ChartType == type);

    [Fact]
    public async Task A_company_without_productions_is_guided_to_its_first_one_instead_of_shown_empty_charts()
    {
        var owner = await SeedAsync(0);

        var page = RenderPage(owner);

        var empty = page.Find("[data-testid=analytics-empty]");
        Assert.Contains("No productions yet", empty.TextContent);
        Assert.Contains("publish a version", empty.TextContent);
        Assert.NotNull(empty.QuerySelector("a[href=products]"));
        Assert.Empty(page.FindAll("[data-testid=chart-productions]"));
        Assert.Empty(page.FindAll("[data-testid=range]"));
    }

    [Fact]
    public async Task The_donut_has_its_values_in_a_table_and_in_its_labels()
    {
        var owner = await SeedAsync(2);

        var page = RenderPage(owner);

        var rows = page.FindAll("[data-testid=productions-table] tbody tr");
        Assert.Equal(Enum.GetValues<ProductionStatus>().Length, rows.Count);
        var toDo = rows.Single(r => r.QuerySelector("th")!.TextContent == "To do");
        Assert.Equal(["2", "100%"], toDo.QuerySelectorAll("td").Select(c => c.TextContent));
        var donut = Chart(page, ChartType.Donut);
        Assert.Contains("To do (2)", donut.Instance.ChartLabels);
        Assert.True(((DonutChartOptions)donut.Instance.ChartOptions!).ShowValues);
    }

    [Fact]
    public async Task Choosing_a_period_reloads_the_bars_for_it_and_the_csv_links_carry_it()
    {
        var owner = await SeedAsync(1);
        var page = RenderPage(owner);
        Assert.Equal(AnalyticsRange.DefaultDays, page.FindAll("[data-testid=tasks-table] tbody tr").Count);
        Assert.Equal("true", page.Find($"[data-testid=range-{AnalyticsRange.DefaultDays}]").GetAttribute("aria-pressed"));

        await page.Find("[data-testid=range-7]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Equal(7, page.FindAll("[data-testid=tasks-table] tbody tr").Count));
        Assert.Equal("true", page.Find("[data-testid=range-7]").GetAttribute("aria-pressed"));
        Assert.Equal("false", page.Find("[data-testid=range-90]").GetAttribute("aria-pressed"));
        Assert.Equal("analytics/tasks-done-per-day.csv?range=7", page.Find("[data-testid=csv-tasks-done-per-day]").GetAttribute("href"));
        Assert.Contains("in the last 7 days", page.Find("[data-testid=chart-tasks]").TextContent);
    }

    [Fact]
    public async Task A_custom_period_is_asked_from_and_to_and_shown_with_its_dates()
    {
        var owner = await SeedAsync(1);
        var page = RenderPage(owner);

        await page.Find("[data-testid=range-custom]").ClickAsync(new MouseEventArgs());
        page.WaitForElement("[data-testid=custom-range]");
        await page.Find("[data-testid=custom-apply]").ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=custom-range]")));
        Assert.StartsWith("analytics/productions-by-status.csv?range=custom&from=", page.Find("[data-testid=csv-productions-by-status]").GetAttribute("href"));
        Assert.Equal("true", page.Find("[data-testid=range-custom]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task The_bars_name_their_axes_and_each_chart_offers_its_csv()
    {
        var owner = await SeedAsync(1);

        var page = RenderPage(owner);

        var bars = (BarChartOptions)Chart(page, ChartType.Bar).Instance.ChartOptions!;
        Assert.Equal(("Day (UTC)", "Tasks done"), (bars.XAxisTitle, bars.YAxisTitle));
        Assert.Equal(3, page.FindAll("[data-testid^=csv-]").Count);
    }
}
