using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Productions;
using Hesh.Web.Components.Pages.Productions;
using MudBlazor;

namespace Hesh.Tests.Productions;

public sealed class ProductionsPageTests : ProductionsComponentTest
{
    private IRenderedComponent<ProductionsPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var page = Render<ProductionsPage>();
        page.WaitForElement("[data-testid=productions-table]", Live);
        return page;
    }

    [Fact]
    public async Task Boris_WithoutProductionsEdit_SeesNoNewProduction()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Boris", "Petrov", false, Web(PermissionKey.ProductionsView)));
        await LaunchAsync(owner.Id, "Cut");
        SignInAs(people[0].Id);

        var page = RenderPage();

        Assert.Empty(page.FindAll("[data-testid=new-production]"));
    }

    [Fact]
    public async Task NewProduction_DisappearsLive_WhenProductionsEditIsTakenAway()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Boris", "Petrov", false, Web(PermissionKey.ProductionsView, PermissionKey.ProductionsEdit)));
        await LaunchAsync(owner.Id, "Cut");
        SignInAs(people[0].Id);
        var page = RenderPage();
        Assert.Single(page.FindAll("[data-testid=new-production]"));

        await ToggleAsync(owner.Id, people[0].Id, PermissionKey.ProductionsEdit, false);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=new-production]")), Live);
    }

    [Fact]
    public async Task NewProduction_AppearsLive_WhenProductionsEditIsGranted()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Boris", "Petrov", false, Web(PermissionKey.ProductionsView)));
        await LaunchAsync(owner.Id, "Cut");
        SignInAs(people[0].Id);
        var page = RenderPage();

        await ToggleAsync(owner.Id, people[0].Id, PermissionKey.ProductionsEdit, true);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=new-production]")), Live);
    }

    [Fact]
    public async Task OnAPhone_EachProductionIsACard()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        var (production, _) = await LaunchAsync(owner.Id, "Cut");
        var key = (await Call<ProductionService, ProductionDetails?>(s => s.GetAsync(owner.Id, production)))!.Summary.Key;
        SignInAs(owner.Id);

        var page = RenderPage();

        Assert.Contains("mud-xs-table", page.Find("[data-testid=productions-table]").ClassList);
        Assert.Contains(key, page.Find("[data-testid=productions-table]").TextContent);
    }
}
