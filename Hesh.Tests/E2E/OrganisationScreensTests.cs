using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>Departments, the template dialog, Analytics and the audit log as a customer sees them, at 1400 and 390 px wide.</summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class OrganisationScreensTests(AppHost host, BrowserHost browser)
{
    private static async Task BothWidthsAsync(IPage page, string name, Func<Task>? settle = null)
    {
        await page.SetViewportSizeAsync(1400, 900);
        if (settle is not null)
        {
            await settle();
        }
        await page.Screenshot($"{name}-1400");
        await page.SetViewportSizeAsync(390, 844);
        if (settle is not null)
        {
            await settle();
        }
        await page.Screenshot($"{name}-390");
        // Nothing sticks out sideways on a phone: the page scrolls down, not across.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{name} scrolls sideways at 390 px");
        await page.SetViewportSizeAsync(1400, 900);
    }

    [Fact]
    public async Task A_new_company_sees_guidance_on_analytics_named_buttons_on_departments_and_a_readable_audit_log()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await host.WithScopeAsync(async s =>
        {
            var positions = s.GetRequiredService<PositionService>();
            await positions.AddDepartmentAsync(company.OwnerId, "Assembly", null);
            var assembly = (await positions.GetChartAsync(company.OwnerId))!.Departments.Single().Id;
            await positions.AddDepartmentAsync(company.OwnerId, "Welding and cutting", assembly);
            await positions.AddPositionAsync(company.OwnerId, "Welder");
            await positions.AddPositionAsync(company.OwnerId, "Shift foreman");
            var permissions = s.GetRequiredService<UserPermissionService>();
            await permissions.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, 0);
            await permissions.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, false, 1);
        });
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync(company.OwnerEmail, TestCompany.Password);

        await page.GotoAsync("analytics");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("analytics-empty")).ToContainTextAsync("No productions yet");
        await BothWidthsAsync(page, "org-analytics-empty");

        await page.GotoAsync("departments");
        await page.WaitForCircuitAsync();
        var rename = page.GetByRole(AriaRole.Button, new() { Name = "Rename Welder" });
        await rename.HoverAsync();
        await Expect(page.Locator(".mud-tooltip").Filter(new() { HasText = "Rename Welder" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Permission template of Welder" })).ToHaveTextAsync("Permission template");
        await BothWidthsAsync(page, "org-departments", () => rename.HoverAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Permission template of Welder" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("template-Web").GetByRole(AriaRole.Switch, new() { Name = "Productions edit" }).CheckAsync();
        await Expect(dialog.GetByTestId("template-Web").GetByRole(AriaRole.Switch, new() { Name = "Productions view" })).ToBeCheckedAsync();
        await dialog.GetByTestId("template-Web-TaskEditLevel").GetByText("User's department", new() { Exact = true }).ClickAsync();
        await BothWidthsAsync(page, "org-template-dialog");
        await dialog.GetByTestId("template-save").ClickAsync();
        await Expect(page.GetByText("Template of Welder saved.")).ToBeVisibleAsync();

        await page.GotoAsync("audit");
        await page.WaitForCircuitAsync();
        var template = page.GetByTestId("audit-grid").Locator("tr").Filter(new() { HasText = "Permission template saved" });
        await Expect(template).ToContainTextAsync("+ Productions edit (web)");
        await template.GetByText("Full sets").ClickAsync();
        await Expect(template.GetByTestId("audit-full").Locator("div").Last).ToBeVisibleAsync();
        await BothWidthsAsync(page, "org-audit-log");
        var csv = await context.APIRequest.GetAsync(await page.GetByTestId("audit-csv").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, csv.Status);
        Assert.Contains("Permission template saved", await csv.TextAsync());
    }

    [Fact]
    public async Task The_demo_company_reads_its_analytics_with_values_tables_a_period_and_csv()
    {
        await host.WithScopeAsync(s => s.GetRequiredService<Hesh.Core.Demo.DemoData>().SeedAsync());
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await new SignInPage(page).SignInAsync("owner@demo.hesh", Hesh.Core.Demo.DemoData.Password);

        await page.GotoAsync("analytics");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("productions-table")).ToBeVisibleAsync();
        await Circuit.RetryAsync(() => page.GetByTestId("range-7").ClickAsync(),
            async () => await page.GetByTestId("range-7").GetAttributeAsync("aria-pressed") == "true");
        await Expect(page.GetByTestId("chart-tasks")).ToContainTextAsync("in the last 7 days");
        await BothWidthsAsync(page, "org-analytics-demo");

        var href = await page.GetByTestId("csv-tasks-done-per-day").GetAttributeAsync("href");
        Assert.Equal("analytics/tasks-done-per-day.csv?range=7", href);
        var csv = await context.APIRequest.GetAsync(href!);
        Assert.Equal(200, csv.Status);
        Assert.Equal(8, (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
