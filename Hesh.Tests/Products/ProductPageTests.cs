using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Products;
using Hesh.Tests.Productions;
using Hesh.Web.Components.Pages.Products;
using MudBlazor;

namespace Hesh.Tests.Products;

public sealed class ProductPageTests : ProductionsComponentTest
{
    private IRenderedComponent<ProductPage> RenderPage(Guid id)
    {
        Render<MudPopoverProvider>();
        var page = Render<ProductPage>(p => p.Add(x => x.ProductId, id));
        page.WaitForElement("[data-testid=product-name]", Live);
        return page;
    }

    [Fact]
    public async Task AViewer_SeesNeitherSaveNorPublish_AndIsToldWhy()
    {
        var (owner, people) = await SeedCompanyAsync("Pat", ("Vic", "Viewer", false, null));
        var id = await ProductAsync(owner.Id, "Weld");
        SignInAs(people[0].Id);

        var page = RenderPage(id);

        Assert.Empty(page.FindAll("[data-testid=product-publish]"));
        Assert.Empty(page.FindAll("[data-testid=product-save]"));
        Assert.Empty(page.FindAll("[data-testid=add-step]"));
        Assert.Contains("Products edit", page.Find("[data-testid=product-view-only]").TextContent);
    }

    [Fact]
    public async Task AnEditor_SeesTheTemplateWithItsSteps_AndCanPublish()
    {
        var (owner, _) = await SeedCompanyAsync("Eve");
        var id = await ProductAsync(owner.Id, "Cut", "Sand");
        SignInAs(owner.Id);

        var page = RenderPage(id);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=step-row]").Count), Live);
        Assert.NotNull(page.Find("[data-testid=add-step]"));
        Assert.False(page.Find("[data-testid=product-publish]").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=publish-reason]"));
    }

    [Fact]
    public async Task WithNoStep_PublishIsDisabled_WithTheReason_UntilAStepIsAdded()
    {
        var (owner, _) = await SeedCompanyAsync("Eve");
        var id = await ProductAsync(owner.Id);
        SignInAs(owner.Id);
        var page = RenderPage(id);

        Assert.True(page.Find("[data-testid=product-publish]").HasAttribute("disabled"));
        Assert.Equal(ProductRules.AddAStep, page.Find("[data-testid=publish-reason]").TextContent);
        Assert.Equal("publish-reason", page.Find("[data-testid=product-publish]").GetAttribute("aria-describedby"));

        await page.Find("[data-testid=add-step]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=product-publish]").HasAttribute("disabled")), Live);
        Assert.Empty(page.FindAll("[data-testid=publish-reason]"));
    }

    [Fact]
    public async Task SaveAndPublish_DisappearLive_WhenProductsEditIsTakenAway_AndTheDraftStays()
    {
        var (owner, people) = await SeedCompanyAsync("Pat", ("Edda", "Editor", false, Web(PermissionKey.ProductsEdit)));
        var id = await ProductAsync(owner.Id, "Weld");
        SignInAs(people[0].Id);
        var page = RenderPage(id);
        Assert.Single(page.FindAll("[data-testid=product-publish]"));

        await ToggleAsync(owner.Id, people[0].Id, PermissionKey.ProductsEdit, false);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=product-publish]")), Live);
        Assert.Empty(page.FindAll("[data-testid=product-save]"));
        Assert.Single(page.FindAll("[data-testid=step-row]"));
    }
}
