using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Productions;
using Hesh.Web.Components.Pages.Tasks;
using MudBlazor;

namespace Hesh.Tests.Productions;

public sealed class TasksPageTests : ProductionsComponentTest
{
    /// <summary>Three tasks: the first done, the second unlocked, the third in queue.</summary>
    private async Task<string> OneDoneOneOpenOneQueuedAsync(string ownerId)
    {
        var (_, tasks) = await LaunchAsync(ownerId, "Cut", "Weld", "Paint");
        await WorkAsync(s => s.StartAsync(ownerId, tasks[0]));
        await WorkAsync(s => s.FinishAsync(ownerId, tasks[0]));
        return ownerId;
    }

    private IRenderedComponent<TasksPage> RenderTable(int rows = 3)
    {
        Render<MudPopoverProvider>();
        var page = Render<TasksPage>();
        page.WaitForAssertion(() => Assert.Equal(rows, page.FindAll("[data-testid=task-status]").Count), Live);
        return page;
    }

    [Fact]
    public async Task ItListsTheTasks_WithQueueStateAndStatus()
    {
        var (owner, _) = await SeedCompanyAsync("Tara");
        var (production, _) = await LaunchAsync(owner.Id, "Cut", "Weld");
        var key = (await Call<ProductionService, ProductionDetails?>(s => s.GetAsync(owner.Id, production)))!.Summary.Key;
        SignInAs(owner.Id);

        var page = RenderTable(rows: 2);

        Assert.Contains($"{key}-1", page.Markup);
        Assert.Single(page.FindAll("[data-testid=task-queued]"));
    }

    [Fact]
    public async Task AnAdmin_IsOfferedFailOnTheDoneTask_UnlockOnTheQueuedOne_AndTheBulkActions()
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        await OneDoneOneOpenOneQueuedAsync(owner.Id);
        SignInAs(owner.Id);

        var page = RenderTable();

        Assert.Single(page.FindAll("[data-testid=task-fail]"));
        Assert.Single(page.FindAll("[data-testid=task-unlock]"));
        Assert.NotEmpty(page.FindAll("[data-testid=bulk-assign]"));
        Assert.NotEmpty(page.FindAll("[data-testid=bulk-status]"));
    }

    [Fact]
    public async Task Anna_WithTasksViewOnly_SeesNoFail_Unlock_Assign_OrChangeStatus()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Anna", "Novak", false, Web(PermissionKey.TasksView)));
        await OneDoneOneOpenOneQueuedAsync(owner.Id);
        SignInAs(people[0].Id);

        var page = RenderTable();

        Assert.Empty(page.FindAll("[data-testid=task-fail]"));
        Assert.Empty(page.FindAll("[data-testid=task-unlock]"));
        Assert.Empty(page.FindAll("[data-testid=bulk-actions]"));
        Assert.Empty(page.FindAll("[data-testid=bulk-assign]"));
        Assert.Empty(page.FindAll("[data-testid=bulk-status]"));
        Assert.Empty(page.FindAll("input[type=checkbox]"));
    }

    [Fact]
    public async Task FailAndUnlock_DisappearLive_WhenTheirPermissionsAreTakenAway()
    {
        var (owner, people) = await SeedCompanyAsync("Tom",
            ("Quinn", "Lead", false, Web(PermissionKey.TasksView, PermissionKey.ManageFailedTasks, PermissionKey.ManageInQueue)));
        await OneDoneOneOpenOneQueuedAsync(owner.Id);
        SignInAs(people[0].Id);
        var page = RenderTable();
        Assert.Single(page.FindAll("[data-testid=task-fail]"));
        Assert.Single(page.FindAll("[data-testid=task-unlock]"));

        await ToggleAsync(owner.Id, people[0].Id, PermissionKey.ManageFailedTasks, false);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=task-fail]")), Live);
        await ToggleAsync(owner.Id, people[0].Id, PermissionKey.ManageInQueue, false);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=task-unlock]")), Live);
    }

    [Fact]
    public async Task TheBulkActions_DisappearLive_WhenTheTaskEditLevelIsTakenAway()
    {
        var (owner, people) = await SeedCompanyAsync("Tom",
            ("Lee", "Lead", false, AccessSet.Defaults(Platform.Web).With(PermissionKey.TasksView, true).WithScope(TaskScope.AllDepartments)));
        await OneDoneOneOpenOneQueuedAsync(owner.Id);
        SignInAs(people[0].Id);
        var page = RenderTable();
        Assert.NotEmpty(page.FindAll("[data-testid=bulk-assign]"));

        await ToggleAsync(owner.Id, people[0].Id, PermissionKey.TaskEditLevel, false);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=bulk-actions]")), Live);
        Assert.Empty(page.FindAll("[data-testid=bulk-status]"));
    }

    [Fact]
    public async Task OnAPhone_TheFiltersFoldBehindOneButton_ThatOpensThem()
    {
        var (owner, _) = await SeedCompanyAsync("Tara");
        await LaunchAsync(owner.Id, "Cut");
        SignInAs(owner.Id);
        var page = RenderTable(rows: 1);

        var filters = page.Find("[data-testid=task-filters]");
        Assert.Contains("d-none", filters.ClassList);
        Assert.Contains("d-md-flex", filters.ClassList);
        Assert.Contains("d-md-none", page.Find("[data-testid=filters-toggle]").ClassList);

        await page.Find("[data-testid=filters-toggle]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.DoesNotContain("d-none", page.Find("[data-testid=task-filters]").ClassList), Live);
        Assert.Equal("true", page.Find("[data-testid=filters-toggle]").GetAttribute("aria-expanded"));
    }
}
