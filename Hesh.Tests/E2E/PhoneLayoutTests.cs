using Hesh.Core.Common;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>
/// The task, production and product pages on a phone (390×844) and a desktop (1400×900): the My tasks action is fully
/// on screen, and no page is wider than the screen (nothing cut off at the right edge).
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed class PhoneLayoutTests(AppHost host, BrowserHost browser)
{
    private sealed record Shop(TestCompany Company, Guid ProductId, Guid RunningId, Guid EmptyProductId);

    /// <summary>Long names, a department, a running and a stopped production, the owner's own tasks: what makes a row wide.</summary>
    private async Task<Shop> ShopAsync()
    {
        var company = await host.CreateCompanyAsync();
        var owner = company.OwnerId;
        Ok(await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(owner, "Surface finishing and quality", null)));
        var department = await host.DbAsync(db => db.Departments.Where(d => d.CompanyId == company.Id).Select(d => d.Id).SingleAsync());
        var product = (await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(owner, new ProductInput { Name = "Garden bench, oak", Description = "Three-seat bench" }))).Value;
        Ok(await host.Call<ProductService, Result>(s => s.SaveDraftAsync(owner, product, new ProductInput { Name = "Garden bench, oak", Description = "Three-seat bench" },
        [
            new StepInput { Name = "Cut the slats and the legs to length", BasicReward = 12 },
            new StepInput { Name = "Assemble the frame with stainless screws", DepartmentId = department, BasicReward = 20 },
            new StepInput { Name = "Sand, oil and inspect the finish", DepartmentId = department, BasicReward = 9 },
        ])));
        Ok(await host.Call<ProductService, Result<int>>(s => s.PublishAsync(owner, product)));
        var empty = (await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(owner, new ProductInput { Name = "Picnic table (draft)" }))).Value;
        var running = (await host.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(owner, new LaunchInput { ProductId = product, Client = "City Park Department", Quantity = 12 }))).Value;
        var stopped = (await host.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(owner, new LaunchInput { ProductId = product, Client = "Riverside Café" }))).Value;
        foreach (var id in new[] { running, stopped })
        {
            var tasks = (await host.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(owner, id)))!.Tasks.Select(t => t.Id).ToList();
            Ok(await host.Call<TaskService, Result>(s => s.AssignAsync(owner, tasks, owner)));
        }
        Ok(await host.Call<ProductionService, Result>(s => s.ApplyAsync(owner, stopped, ProductionAction.Start)));
        Ok(await host.Call<ProductionService, Result>(s => s.ApplyAsync(owner, stopped, ProductionAction.Stop)));
        return new Shop(company, product, running, empty);
    }

    private static void Ok(Result result) => Assert.True(result.Succeeded, result.Error);

    private static Task<bool> FullyOnScreenAsync(ILocator element) =>
        element.EvaluateAsync<bool>("e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth; }");

    private static Task<bool> NoWiderThanTheScreenAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task OnAPhone_MyTasks_ShowsTheStartAndFinishButtonsFullyOnScreen()
    {
        var shop = await ShopAsync();
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new SignInPage(page).SignInAsync(shop.Company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();
        await page.GotoAsync("my-tasks");
        await page.WaitForCircuitAsync();

        var start = page.GetByTestId("task-start");
        await Expect(start).ToHaveCountAsync(1);
        await start.ScrollIntoViewIfNeededAsync();
        Assert.True(await FullyOnScreenAsync(start), "Start is cut off");
        Assert.True(await NoWiderThanTheScreenAsync(page), "My tasks is wider than the phone");
        // The stopped production's task: no Start, the production's status and why instead.
        await Expect(page.GetByTestId("production-status").Filter(new() { HasText = "Stopped" }).First).ToBeVisibleAsync();
        await page.Screenshot("caps-my-tasks-390");

        await Circuit.RetryAsync(() => start.ClickAsync(), async () => await page.GetByTestId("task-finish").CountAsync() == 1);
        var finish = page.GetByTestId("task-finish");
        await finish.ScrollIntoViewIfNeededAsync();
        Assert.True(await FullyOnScreenAsync(finish), "Finish is cut off");
    }

    public static TheoryData<string, int, int> PagesAndSizes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var name in new[] { "my-tasks", "tasks", "productions", "production", "product", "product-without-steps" })
        {
            data.Add(name, 1400, 900);
            data.Add(name, 390, 844);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndSizes))]
    public async Task ThePage_IsNoWiderThanTheScreen(string name, int width, int height)
    {
        var shop = await ShopAsync();
        await using var context = await browser.NewContextAsync(host);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await new SignInPage(page).SignInAsync(shop.Company.OwnerEmail, TestCompany.Password);
        await page.WaitForCircuitAsync();
        var (path, ready) = name switch
        {
            "my-tasks" => ("my-tasks", "task-start"),
            "tasks" => ("tasks", "task-status"),
            "productions" => ("productions", "productions-table"),
            "production" => ($"productions/{shop.RunningId}", "production-tasks"),
            "product" => ($"products/{shop.ProductId}", "product-publish"),
            _ => ($"products/{shop.EmptyProductId}", "publish-reason"),
        };

        await page.GotoAsync(path);
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId(ready).First).ToBeVisibleAsync();

        await page.Screenshot($"caps-{name}-{width}");
        Assert.True(await NoWiderThanTheScreenAsync(page), $"{name} is wider than {width} px");
    }
}
