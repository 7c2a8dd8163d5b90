using Hesh.Core.Data;
using Microsoft.EntityFrameworkCore;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class ProductionFlowTests(AppHost host, BrowserHost browser)
{
    [Fact]
    public async Task LaunchFromAPublishedProduct_PerformerStartsAndFinishesTheFirstTask_TheNextUnlocks()
    {
        var company = await host.CreateCompanyAsync();
        var performer = await company.AddUserAsync("Petra");
        var productId = (await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().CreateAsync(company.OwnerId, new ProductInput { Name = "Garden bench" }))).Value;
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(company.OwnerId, productId, new ProductInput { Name = "Garden bench" },
            [new StepInput { Name = "Cut the slats" }, new StepInput { Name = "Assemble" }]));
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().PublishAsync(company.OwnerId, productId));
        // Keys start with the company's own letters ("Workshop …" → "WO"), not a fixed "HS".
        var letters = await host.WithScopeAsync(s => s.GetRequiredService<HeshDbContext>().Companies.Where(c => c.Id == company.Id)
            .Select(c => c.KeyAbbreviation).SingleAsync());

        await using var adminContext = await browser.NewContextAsync(host);
        var admin = await adminContext.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.WaitForCircuitAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Productions", Exact = true }).ClickAsync();
        await admin.GetByTestId("new-production").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await admin.ChooseAsync(dialog.GetByTestId("launch-product"), "Garden bench");
        await dialog.GetByTestId("launch-client").FillAsync("City Park");
        await dialog.GetByTestId("launch-submit").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"{letters}-1" })).ToBeVisibleAsync();
        await admin.Screenshot("13-production");

        var production = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().ListAsync(company.OwnerId, new ProductionQuery())))!.Rows.Single();
        var tasks = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().GetAsync(company.OwnerId, production.Id)))!.Tasks;
        await host.WithScopeAsync(s => s.GetRequiredService<TaskService>().AssignAsync(company.OwnerId, tasks.Select(t => t.Id).ToList(), performer.Id));

        await using var performerContext = await browser.NewContextAsync(host);
        var page = await performerContext.NewPageAsync();
        await new SignInPage(page).SignInAsync(performer.Email!, TestCompany.Password);
        await page.WaitForCircuitAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "My tasks", Exact = true }).ClickAsync();
        var first = page.Locator("tr.my-task-row").Filter(new() { HasText = $"{letters}-1-1" });
        var second = page.Locator("tr.my-task-row").Filter(new() { HasText = $"{letters}-1-2" });
        await Expect(second.GetByTestId("task-queued")).ToBeVisibleAsync();
        await Expect(second.GetByTestId("task-start")).ToHaveCountAsync(0);
        await Expect(second.GetByTestId("task-start-reason")).ToContainTextAsync("still in queue");

        await first.GetByTestId("task-start").ClickAsync();
        await first.GetByTestId("task-finish").ClickAsync();

        await Expect(first.GetByTestId("task-status")).ToHaveTextAsync("Done");
        await Expect(second.GetByTestId("task-queued")).ToHaveCountAsync(0);
        await Expect(second.GetByTestId("task-start")).ToBeEnabledAsync();
        await page.Screenshot("14-my-tasks");
    }
}
