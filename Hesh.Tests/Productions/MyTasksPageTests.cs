using Bunit;
using Hesh.Core.Productions;
using Hesh.Web.Components.Pages.Tasks;
using MudBlazor;

namespace Hesh.Tests.Productions;

public sealed class MyTasksPageTests : ProductionsComponentTest
{
    private async Task<(string Owner, string Petra, Guid Production, IReadOnlyList<Guid> Tasks)> AssignedAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Petra", "Welder", false, null));
        var (production, tasks) = await LaunchAsync(owner.Id, "Cut", "Weld");
        await WorkAsync(s => s.AssignAsync(owner.Id, tasks, people[0].Id));
        return (owner.Id, people[0].Id, production, tasks);
    }

    private IRenderedComponent<MyTasksPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        var page = Render<MyTasksPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=task-status]").Count), Live);
        return page;
    }

    [Fact]
    public async Task StartIsOffered_OnlyOnTheUnlockedTask_AndTheQueuedOneSaysWhy()
    {
        var (_, petra, _, _) = await AssignedAsync();
        SignInAs(petra);

        var page = RenderPage();

        Assert.Single(page.FindAll("[data-testid=task-start]"));
        Assert.Contains("still in queue", page.Find("[data-testid=task-start-reason]").TextContent);
    }

    [Fact]
    public async Task StartingATask_OffersFinishInItsPlace()
    {
        var (_, petra, _, _) = await AssignedAsync();
        SignInAs(petra);
        var page = RenderPage();

        await page.Find("[data-testid=task-start]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=task-finish]")), Live);
        Assert.Empty(page.FindAll("[data-testid=task-start]"));
    }

    [Fact]
    public async Task WhileTheProductionIsStopped_StartIsNotOffered_AndThePageShowsTheProductionsStatus()
    {
        var (owner, petra, production, _) = await AssignedAsync();
        await MoveAsync(owner, production, ProductionAction.Start);
        await MoveAsync(owner, production, ProductionAction.Stop);
        SignInAs(petra);

        var page = RenderPage();

        Assert.Empty(page.FindAll("[data-testid=task-start]"));
        Assert.All(page.FindAll("[data-testid=production-status]"), chip => Assert.Equal("Stopped", chip.TextContent.Trim()));
        Assert.Equal(2, page.FindAll("[data-testid=production-status]").Count);
        Assert.Contains("The production is stopped; resume it first.", page.Markup);
    }

    [Fact]
    public async Task OnAPhone_EachTaskIsACard_ItsActionCellLabelled()
    {
        var (_, petra, _, _) = await AssignedAsync();
        SignInAs(petra);

        var page = RenderPage();

        // MudTable's small-device mode: the xs breakpoint class makes each row a card, each cell labelled.
        Assert.Contains("mud-xs-table", page.Find("[data-testid=my-tasks]").ClassList);
        Assert.Equal(2, page.FindAll("[data-testid=my-task-action]").Count);
    }
}
