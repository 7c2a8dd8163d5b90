using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Productions;

public sealed class TaskServiceTests(AppHost host)
{
    private Task<T> Tasks<T>(Func<TaskService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<TaskService>()));

    private Task<T> Lists<T>(Func<TaskQueries, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<TaskQueries>()));

    private async Task<(TestCompany Company, ProductionDetails Production)> LaunchedAsync(int steps = 2, Guid? department = null)
    {
        var company = await host.CreateCompanyAsync();
        var id = (await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().CreateAsync(company.OwnerId, new ProductInput { Name = "Gate" }))).Value;
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(company.OwnerId, id, new ProductInput { Name = "Gate" },
            Enumerable.Range(1, steps).Select(i => new StepInput { Name = $"Step {i}" }).ToList()));
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().PublishAsync(company.OwnerId, id));
        var production = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().LaunchAsync(company.OwnerId, new LaunchInput { ProductId = id }))).Value;
        return (company, (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().GetAsync(company.OwnerId, production)))!);
    }

    private Task<ProductionDetails> ReloadAsync(TestCompany company, Guid id) =>
        host.WithScopeAsync(async s => (await s.GetRequiredService<ProductionService>().GetAsync(company.OwnerId, id))!);

    [Fact]
    public async Task PerformerFinishesTheFirstTask_TheNextUnlocks_AndTheLastOneMakesTheProductionDone()
    {
        var (company, production) = await LaunchedAsync();
        var performer = await company.AddUserAsync("Performer");
        await Tasks(s => s.AssignAsync(company.OwnerId, production.Tasks.Select(t => t.Id).ToList(), performer.Id));
        var (first, second) = (production.Tasks[0].Id, production.Tasks[1].Id);

        Assert.Contains("in queue", (await Tasks(s => s.StartAsync(performer.Id, second))).Error);
        Assert.True((await Tasks(s => s.StartAsync(performer.Id, first))).Succeeded);
        Assert.Equal(ProductionStatus.InProgress, (await ReloadAsync(company, production.Summary.Id)).Summary.Status);
        Assert.True((await Tasks(s => s.FinishAsync(performer.Id, first))).Succeeded);
        Assert.False((await ReloadAsync(company, production.Summary.Id)).Tasks[1].InQueue);
        Assert.True((await Tasks(s => s.StartAsync(performer.Id, second))).Succeeded);
        Assert.True((await Tasks(s => s.FinishAsync(performer.Id, second))).Succeeded);

        var done = await ReloadAsync(company, production.Summary.Id);
        Assert.Equal(ProductionStatus.Done, done.Summary.Status);
        Assert.Equal(1.0, done.Summary.Progress);
        Assert.Equal(2, (await Lists(s => s.MyTasksAsync(performer.Id))).Count);
    }

    [Fact]
    public async Task AUserCannotWorkSomeoneElsesTask_WithoutAnEditLevel()
    {
        var (company, production) = await LaunchedAsync();
        var owner = await company.AddUserAsync("Assigned");
        var stranger = await company.AddUserAsync("Stranger");
        await Tasks(s => s.AssignAsync(company.OwnerId, [production.Tasks[0].Id], owner.Id));

        var result = await Tasks(s => s.StartAsync(stranger.Id, production.Tasks[0].Id));

        Assert.Contains("outside your task edit level", result.Error);
        Assert.Equal(WorkStatus.ToDo, (await ReloadAsync(company, production.Summary.Id)).Tasks[0].Status);
    }

    [Fact]
    public async Task FailingADoneTask_ReopensIt_CountsTheFailure_AndNeedsThePermission()
    {
        var (company, production) = await LaunchedAsync(steps: 1);
        var performer = await company.AddUserAsync("Performer");
        var task = production.Tasks[0].Id;
        await Tasks(s => s.AssignAsync(company.OwnerId, [task], performer.Id));
        await Tasks(s => s.StartAsync(performer.Id, task));
        await Tasks(s => s.FinishAsync(performer.Id, task));

        Assert.False((await Tasks(s => s.FailAsync(performer.Id, task, "Bad weld", null))).Succeeded);
        Assert.True((await Tasks(s => s.FailAsync(company.OwnerId, task, "Bad weld", "Seam cracked"))).Succeeded);

        var reopened = await ReloadAsync(company, production.Summary.Id);
        Assert.Equal(WorkStatus.Reopened, reopened.Tasks[0].Status);
        Assert.Equal(ProductionStatus.InProgress, reopened.Summary.Status);
        Assert.Equal(1, (await Lists(s => s.ListAsync(company.OwnerId, new TaskQuery()))).Value!.Items.Single().Failures);
    }

    [Fact]
    public async Task UnlockingAQueuedTask_NeedsManageInQueue()
    {
        var (company, production) = await LaunchedAsync();
        var plain = await company.AddUserAsync("Plain");
        var queued = production.Tasks[1].Id;

        Assert.False((await Tasks(s => s.UnlockAsync(plain.Id, queued))).Succeeded);
        Assert.True((await Tasks(s => s.UnlockAsync(company.OwnerId, queued))).Succeeded);
        Assert.False((await ReloadAsync(company, production.Summary.Id)).Tasks[1].InQueue);
    }

    [Fact]
    public async Task BulkAssign_OnlyToActiveUsers_AndAllOrNothingByEditLevel()
    {
        var (company, production) = await LaunchedAsync();
        var inactive = await company.AddUserAsync("Gone", UserStatus.Inactive);
        var viewer = await company.AddUserAsync("Viewer");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, viewer.Id, Platform.Web, PermissionKey.TasksView, true, 0));
        var ids = production.Tasks.Select(t => t.Id).ToList();

        Assert.Contains("active users", (await Tasks(s => s.AssignAsync(company.OwnerId, ids, inactive.Id))).Error);
        Assert.Contains("task edit level", (await Tasks(s => s.AssignAsync(viewer.Id, ids, viewer.Id))).Error);
        Assert.All((await ReloadAsync(company, production.Summary.Id)).Tasks, t => Assert.Null(
            host.DbAsync(db => db.ProductionTasks.Where(x => x.Id == t.Id).Select(x => x.AssigneeId).SingleAsync()).Result));
    }

    [Fact]
    public async Task TaskTable_NeedsTasksView_AndFiltersByAssignee()
    {
        var (company, production) = await LaunchedAsync();
        var performer = await company.AddUserAsync("Performer");
        await Tasks(s => s.AssignAsync(company.OwnerId, [production.Tasks[0].Id], performer.Id));

        Assert.False((await Lists(s => s.ListAsync(performer.Id, new TaskQuery()))).Succeeded);
        var mine = (await Lists(s => s.ListAsync(company.OwnerId, new TaskQuery(AssigneeId: performer.Id)))).Value!;
        var unassigned = (await Lists(s => s.ListAsync(company.OwnerId, new TaskQuery(UnassignedOnly: true)))).Value!;
        Assert.Equal(production.Tasks[0].Id, Assert.Single(mine.Items).Id);
        Assert.Equal(production.Tasks[1].Id, Assert.Single(unassigned.Items).Id);
    }
}

public sealed class AnalyticsServiceTests(AppHost host)
{
    [Fact]
    public async Task Analytics_CountsProductionsTasksAndFailures_ForHoldersOfAnalyticsOnly()
    {
        var company = await host.CreateCompanyAsync();
        var performer = await company.AddUserAsync("Performer");
        var productId = (await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().CreateAsync(company.OwnerId, new ProductInput { Name = "Gate" }))).Value;
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(company.OwnerId, productId, new ProductInput { Name = "Gate" }, [new StepInput { Name = "Weld" }]));
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().PublishAsync(company.OwnerId, productId));
        var launch = () => host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId }));
        var done = (await launch()).Value;
        var canceled = (await launch()).Value;
        await launch();
        await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().ApplyAsync(company.OwnerId, canceled, ProductionAction.Cancel));
        var task = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().GetAsync(company.OwnerId, done)))!.Tasks.Single().Id;
        var tasks = (Func<TaskService, Task<Hesh.Core.Common.Result>> f) => host.WithScopeAsync(s => f(s.GetRequiredService<TaskService>()));
        await tasks(s => s.AssignAsync(company.OwnerId, [task], performer.Id));
        await tasks(s => s.StartAsync(performer.Id, task));
        await tasks(s => s.FinishAsync(performer.Id, task));
        await tasks(s => s.FailAsync(company.OwnerId, task, "Crack", null));
        await tasks(s => s.StartAsync(performer.Id, task));
        await tasks(s => s.FinishAsync(performer.Id, task));

        var report = (await host.WithScopeAsync(s => s.GetRequiredService<Hesh.Core.Analytics.AnalyticsService>().GetAsync(company.OwnerId)))!;
        var refused = await host.WithScopeAsync(s => s.GetRequiredService<Hesh.Core.Analytics.AnalyticsService>().GetAsync(performer.Id));

        var byStatus = report.ProductionsByStatus.ToDictionary(c => c.Label, c => c.Count);
        Assert.Equal((1, 1, 1), (byStatus["Done"], byStatus["Canceled"], byStatus["To do"]));
        Assert.Equal(30, report.TasksDonePerDay.Count);
        Assert.Equal(1, report.TasksDonePerDay[^1].Count);
        Assert.Equal(new Hesh.Core.Analytics.CountBy("No department", 1), Assert.Single(report.FailuresPerDepartment));
        Assert.Null(refused);
    }
}

public sealed class AutoAssignTests(AppHost host)
{
    [Fact]
    public async Task AutomaticAssignment_SkipsUsersOnADayOff_AndKeepsToTheTasksDepartment()
    {
        var company = await host.CreateCompanyAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AddDepartmentAsync(company.OwnerId, "Welding", null));
        var welding = (await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().GetChartAsync(company.OwnerId)))!.Departments.Single().Id;
        var resting = await company.AddUserAsync("Resting");
        var working = await company.AddUserAsync("Working");
        var other = await company.AddUserAsync("Other");
        foreach (var u in new[] { resting, working, other })
        {
            await host.WithScopeAsync(s => s.GetRequiredService<PositionService>().AssignAsync(company.OwnerId, u.Id, u == other ? null : welding, null));
        }
        await host.WithScopeAsync(s => s.GetRequiredService<Hesh.Core.DayOffs.DayOffService>().AddAsync(company.OwnerId, resting.Id, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(2), null));
        var productId = (await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().CreateAsync(company.OwnerId, new ProductInput { Name = "Frame" }))).Value;
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(company.OwnerId, productId, new ProductInput { Name = "Frame" },
            [new StepInput { Name = "Weld A", DepartmentId = welding }, new StepInput { Name = "Weld B", DepartmentId = welding }]));
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().PublishAsync(company.OwnerId, productId));
        var production = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId }))).Value;
        var taskIds = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().GetAsync(company.OwnerId, production)))!.Tasks.Select(t => t.Id).ToList();

        var result = await host.WithScopeAsync(s => s.GetRequiredService<TaskService>().AutoAssignAsync(company.OwnerId, taskIds));

        Assert.Equal(2, result.Value);
        var assignees = await host.DbAsync(db => db.ProductionTasks.Where(t => taskIds.Contains(t.Id)).Select(t => t.AssigneeId).ToListAsync());
        Assert.All(assignees, a => Assert.Equal(working.Id, a));
    }
}
