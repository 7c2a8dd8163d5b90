using Bunit;
using Hesh.Core.Permissions;
using Hesh.Web.Components.Pages.Productions;
using MudBlazor;

namespace Hesh.Tests.Productions;

public sealed class ProductionPageTests : ProductionsComponentTest
{
    private static readonly string[] ToDoActions = ["production-Start", "production-FulfilFromStock", "production-Cancel", "production-delete"];

    private IRenderedComponent<ProductionPage> RenderPage(Guid id)
    {
        Render<MudPopoverProvider>();
        var page = Render<ProductionPage>(p => p.Add(x => x.ProductionId, id));
        page.WaitForElement("[data-testid=production-tasks]", Live);
        return page;
    }

    private static int Shown(IRenderedComponent<ProductionPage> page, string testId) => page.FindAll($"[data-testid={testId}]").Count;

    [Fact]
    public async Task AnEditor_OfAProductionToDo_SeesStart_FromStock_Cancel_AndDelete()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        var (id, _) = await LaunchAsync(owner.Id, "Cut");
        SignInAs(owner.Id);

        var page = RenderPage(id);

        Assert.All(ToDoActions, action => Assert.Equal(1, Shown(page, action)));
        Assert.Equal(0, Shown(page, "production-view-only"));
    }

    [Fact]
    public async Task Boris_WithoutProductionsEdit_SeesNoAction_AndIsToldWhy()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Boris", "Petrov", false, Web(PermissionKey.ProductionsView)));
        var (id, _) = await LaunchAsync(owner.Id, "Cut");
        SignInAs(people[0].Id);

        var page = RenderPage(id);

        Assert.All(ToDoActions, action => Assert.Equal(0, Shown(page, action)));
        Assert.Contains("Productions edit", page.Find("[data-testid=production-view-only]").TextContent);
    }

    [Fact]
    public async Task TheActions_DisappearLive_WhenProductionsEditIsTakenAway()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Boris", "Petrov", false, Web(PermissionKey.ProductionsView, PermissionKey.ProductionsEdit)));
        var (id, _) = await LaunchAsync(owner.Id, "Cut");
        SignInAs(people[0].Id);
        var page = RenderPage(id);
        Assert.Equal(1, Shown(page, "production-Start"));

        await ToggleAsync(owner.Id, people[0].Id, PermissionKey.ProductionsEdit, false);

        page.WaitForAssertion(() => Assert.All(ToDoActions, action => Assert.Equal(0, Shown(page, action))), Live);
    }

    [Fact]
    public async Task ARunningProduction_OffersStopAndCancel_NotStartOrDelete()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        var (id, _) = await LaunchAsync(owner.Id, "Cut");
        await MoveAsync(owner.Id, id, Hesh.Core.Productions.ProductionAction.Start);
        SignInAs(owner.Id);

        var page = RenderPage(id);

        Assert.Equal((1, 1, 0, 0, 0), (Shown(page, "production-Stop"), Shown(page, "production-Cancel"), Shown(page, "production-Start"),
            Shown(page, "production-FulfilFromStock"), Shown(page, "production-delete")));
    }
}
