using Bunit;
using Hesh.Core.Products;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Products;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Products;

public sealed class ProductPageTests : HeshComponentTest
{
    [Fact]
    public async Task ViewOnlyUser_TryingToPublish_GetsTheModal_AndNothingIsPublished()
    {
        var (owner, people) = await SeedCompanyAsync("Pat", ("Vic", "Viewer", false, null));
        var id = (await WithDbAsync(s => s.GetRequiredService<ProductService>().CreateAsync(owner.Id, new ProductInput { Name = "Gate" }))).Value;
        await WithDbAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(owner.Id, id, new ProductInput { Name = "Gate" }, [new StepInput { Name = "Weld" }]));
        SignInAs(people[0].Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        var page = Render<ProductPage>(p => p.Add(x => x.ProductId, id));
        page.WaitForElement("[data-testid=product-publish]");
        Assert.Contains("You can view this product", page.Markup);
        await page.Find("[data-testid=product-publish]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("needs the \"Products edit\" permission", dialogs.Find("[data-testid=denied-message]").TextContent));
        Assert.Equal(0, (await WithDbAsync(s => s.GetRequiredService<ProductService>().GetAsync(owner.Id, id)))!.LatestVersion);
    }

    [Fact]
    public async Task Editor_SeesTheTemplateWithItsSteps()
    {
        var (owner, _) = await SeedCompanyAsync("Eve");
        var id = (await WithDbAsync(s => s.GetRequiredService<ProductService>().CreateAsync(owner.Id, new ProductInput { Name = "Bench" }))).Value;
        await WithDbAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(owner.Id, id, new ProductInput { Name = "Bench" },
            [new StepInput { Name = "Cut" }, new StepInput { Name = "Sand" }]));
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();

        var page = Render<ProductPage>(p => p.Add(x => x.ProductId, id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=step-row]").Count));
        Assert.NotNull(page.Find("[data-testid=add-step]"));
        Assert.DoesNotContain("You can view this product", page.Markup);
    }
}
