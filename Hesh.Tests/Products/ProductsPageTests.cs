using Bunit;
using Hesh.Core.Permissions;
using Hesh.Tests.Productions;
using Hesh.Web.Components.Pages.Products;
using MudBlazor;

namespace Hesh.Tests.Products;

public sealed class ProductsPageTests : ProductionsComponentTest
{
    private IRenderedComponent<ProductsPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var page = Render<ProductsPage>();
        page.WaitForElement("[data-testid=product-card]", Live);
        return page;
    }

    [Fact]
    public async Task AViewer_SeesTheProducts_ButNoNewProduct()
    {
        var (owner, people) = await SeedCompanyAsync("Pat", ("Vic", "Viewer", false, null));
        await ProductAsync(owner.Id, "Weld");
        SignInAs(people[0].Id);

        var page = RenderPage();

        Assert.Empty(page.FindAll("[data-testid=new-product]"));
    }

    [Fact]
    public async Task NewProduct_DisappearsLive_WhenProductsEditIsTakenAway()
    {
        var (owner, people) = await SeedCompanyAsync("Pat", ("Edda", "Editor", false, Web(PermissionKey.ProductsEdit)));
        await ProductAsync(owner.Id, "Weld");
        SignInAs(people[0].Id);
        var page = RenderPage();
        Assert.Single(page.FindAll("[data-testid=new-product]"));

        await ToggleAsync(owner.Id, people[0].Id, PermissionKey.ProductsEdit, false);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=new-product]")), Live);
    }
}
