using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Productions;

/// <summary>
/// What the task screens offer is what the server then does: for each capability TaskQueries hands a row, allowed
/// means the action succeeds, not allowed means it is refused — with the very reason the screen could show.
/// </summary>
public sealed class TaskCapabilitiesTests(AppHost host)
{
    /// <summary>A company with a department, a published three-step product (the last step in the department) launched once.</summary>
    private sealed record Shop(AppHost Host, TestCompany Company, Guid DepartmentId, Guid ProductionId, IReadOnlyList<Guid> Tasks)
    {
        public string Owner => Company.OwnerId;

        public async Task<HeshUser> PersonAsync(string first, Guid? department = null, TaskScope scope = TaskScope.NoAccess, params PermissionKey[] keys)
        {
            var user = await Company.AddUserAsync(first);
            foreach (var key in keys)
            {
                Ok(await Host.Call<UserPermissionService, Result<PermissionSheet>>(async s =>
                    await s.ToggleAsync(Owner, user.Id, Platform.Web, key, true, (await Host.FindUserAsync(user.Id))!.AccessVersion)));
            }
            if (scope != TaskScope.NoAccess)
            {
                Ok(await Host.Call<UserPermissionService, Result<PermissionSheet>>(async s =>
                    await s.SetTaskScopeAsync(Owner, user.Id, Platform.Web, scope, (await Host.FindUserAsync(user.Id))!.AccessVersion)));
            }
            if (department is { } d)
            {
                Ok(await Host.Call<PositionService, Result>(s => s.AssignAsync(Owner, user.Id, d, null)));
            }
            return user;
        }

        public Task<Result> Act(Func<TaskService, Task<Result>> call) => Host.Call(call);

        public async Task Ready(params Func<TaskService, Task<Result>>[] steps)
        {
            foreach (var step in steps)
            {
                Ok(await Host.Call(step));
            }
        }

        public async Task Production(ProductionAction action) => Ok(await Host.Call<ProductionService, Result>(s => s.ApplyAsync(Owner, ProductionId, action)));

        /// <summary>The row as the actor's screen gets it: the task table when they may see it, else My tasks.</summary>
        public async Task<TaskCapabilities> CanAsync(string actor, Guid task)
        {
            var table = await Host.Call<TaskQueries, Result<TaskPage>>(s => s.ListAsync(actor, new TaskQuery(PageSize: 100)));
            var rows = table.Value?.Items ?? await Host.Call<TaskQueries, IReadOnlyList<TaskListRow>>(s => s.MyTasksAsync(actor));
            return Assert.Single(rows, r => r.Id == task).Can;
        }
    }

    private static void Ok(Result result) => Assert.True(result.Succeeded, result.Error);

    private async Task<Shop> ShopAsync()
    {
        var company = await host.CreateCompanyAsync();
        var owner = company.OwnerId;
        Ok(await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(owner, "Paint shop", null)));
        var department = await host.DbAsync(db => db.Departments.Where(d => d.CompanyId == company.Id).Select(d => d.Id).SingleAsync());
        var product = (await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(owner, new ProductInput { Name = "Gate" }))).Value;
        Ok(await host.Call<ProductService, Result>(s => s.SaveDraftAsync(owner, product, new ProductInput { Name = "Gate" },
            [new StepInput { Name = "Cut" }, new StepInput { Name = "Weld" }, new StepInput { Name = "Paint", DepartmentId = department }])));
        Ok(await host.Call<ProductService, Result<int>>(s => s.PublishAsync(owner, product)));
        var production = (await host.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(owner, new LaunchInput { ProductId = product }))).Value;
        var tasks = (await host.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(owner, production)))!.Tasks.Select(t => t.Id).ToList();
        return new Shop(host, company, department, production, tasks);
    }

    /// <summary>Each case: set the scene, then the capability the actor is shown and the action they then take.</summary>
    private delegate Task<(Permit Offered, Result Done)> Scenario(Shop shop);

    private static async Task<(Permit, Result)> Try(Shop shop, string actor, Guid task, Func<TaskCapabilities, Permit> capability, Func<TaskService, Task<Result>> action) =>
        (capability(await shop.CanAsync(actor, task)), await shop.Act(action));

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["Start_own_unlocked_task_is_offered_and_works"] = async shop =>
        {
            var petra = await shop.PersonAsync("Petra");
            await shop.Ready(s => s.AssignAsync(shop.Owner, [shop.Tasks[0]], petra.Id));
            return await Try(shop, petra.Id, shop.Tasks[0], c => c.Start, s => s.StartAsync(petra.Id, shop.Tasks[0]));
        },
        ["Start_own_task_still_in_queue_is_not_offered_and_refused"] = async shop =>
        {
            var petra = await shop.PersonAsync("Petra");
            await shop.Ready(s => s.AssignAsync(shop.Owner, [shop.Tasks[1]], petra.Id));
            return await Try(shop, petra.Id, shop.Tasks[1], c => c.Start, s => s.StartAsync(petra.Id, shop.Tasks[1]));
        },
        ["Start_while_the_production_is_stopped_is_not_offered_and_refused"] = async shop =>
        {
            var petra = await shop.PersonAsync("Petra");
            await shop.Ready(s => s.AssignAsync(shop.Owner, [shop.Tasks[0]], petra.Id));
            await shop.Production(ProductionAction.Start);
            await shop.Production(ProductionAction.Stop);
            return await Try(shop, petra.Id, shop.Tasks[0], c => c.Start, s => s.StartAsync(petra.Id, shop.Tasks[0]));
        },
        ["Start_someone_elses_task_without_an_edit_level_is_not_offered_and_refused"] = async shop =>
        {
            var petra = await shop.PersonAsync("Petra");
            var anna = await shop.PersonAsync("Anna", keys: PermissionKey.TasksView);
            await shop.Ready(s => s.AssignAsync(shop.Owner, [shop.Tasks[0]], petra.Id));
            return await Try(shop, anna.Id, shop.Tasks[0], c => c.Start, s => s.StartAsync(anna.Id, shop.Tasks[0]));
        },
        ["Finish_own_task_in_progress_is_offered_and_works"] = async shop =>
        {
            var petra = await shop.PersonAsync("Petra");
            await shop.Ready(s => s.AssignAsync(shop.Owner, [shop.Tasks[0]], petra.Id), s => s.StartAsync(petra.Id, shop.Tasks[0]));
            return await Try(shop, petra.Id, shop.Tasks[0], c => c.Finish, s => s.FinishAsync(petra.Id, shop.Tasks[0]));
        },
        ["Finish_a_task_not_started_is_not_offered_and_refused"] = async shop =>
        {
            var petra = await shop.PersonAsync("Petra");
            await shop.Ready(s => s.AssignAsync(shop.Owner, [shop.Tasks[0]], petra.Id));
            return await Try(shop, petra.Id, shop.Tasks[0], c => c.Finish, s => s.FinishAsync(petra.Id, shop.Tasks[0]));
        },
        ["Fail_a_done_task_with_Manage_failed_tasks_is_offered_and_works"] = async shop =>
        {
            var quinn = await shop.PersonAsync("Quinn", keys: PermissionKey.ManageFailedTasks);
            await shop.Ready(s => s.StartAsync(shop.Owner, shop.Tasks[0]), s => s.FinishAsync(shop.Owner, shop.Tasks[0]));
            return await Try(shop, quinn.Id, shop.Tasks[0], c => c.Fail, s => s.FailAsync(quinn.Id, shop.Tasks[0], "Scratched", null));
        },
        ["Fail_a_done_task_with_Tasks_view_only_is_not_offered_and_refused"] = async shop =>
        {
            var anna = await shop.PersonAsync("Anna", keys: PermissionKey.TasksView);
            await shop.Ready(s => s.StartAsync(shop.Owner, shop.Tasks[0]), s => s.FinishAsync(shop.Owner, shop.Tasks[0]));
            return await Try(shop, anna.Id, shop.Tasks[0], c => c.Fail, s => s.FailAsync(anna.Id, shop.Tasks[0], "Scratched", null));
        },
        ["Fail_a_task_not_done_is_not_offered_and_refused"] = async shop =>
            await Try(shop, shop.Owner, shop.Tasks[0], c => c.Fail, s => s.FailAsync(shop.Owner, shop.Tasks[0], "Scratched", null)),
        ["Unlock_a_queued_task_with_Manage_in_queue_is_offered_and_works"] = async shop =>
        {
            var quinn = await shop.PersonAsync("Quinn", keys: PermissionKey.ManageInQueue);
            return await Try(shop, quinn.Id, shop.Tasks[2], c => c.Unlock, s => s.UnlockAsync(quinn.Id, shop.Tasks[2]));
        },
        ["Unlock_a_queued_task_with_Tasks_view_only_is_not_offered_and_refused"] = async shop =>
        {
            var anna = await shop.PersonAsync("Anna", keys: PermissionKey.TasksView);
            return await Try(shop, anna.Id, shop.Tasks[2], c => c.Unlock, s => s.UnlockAsync(anna.Id, shop.Tasks[2]));
        },
        ["Unlock_a_task_already_unlocked_is_not_offered_and_refused"] = async shop =>
            await Try(shop, shop.Owner, shop.Tasks[0], c => c.Unlock, s => s.UnlockAsync(shop.Owner, shop.Tasks[0])),
        ["Assign_with_all_departments_is_offered_and_works"] = async shop =>
        {
            var lead = await shop.PersonAsync("Lead", scope: TaskScope.AllDepartments);
            return await Try(shop, lead.Id, shop.Tasks[1], c => c.Assign, s => s.AssignAsync(lead.Id, [shop.Tasks[1]], lead.Id));
        },
        ["Assign_a_task_of_ones_department_with_the_department_level_is_offered_and_works"] = async shop =>
        {
            var lead = await shop.PersonAsync("Lead", shop.DepartmentId, TaskScope.Department);
            return await Try(shop, lead.Id, shop.Tasks[2], c => c.Assign, s => s.AssignAsync(lead.Id, [shop.Tasks[2]], lead.Id));
        },
        ["Assign_with_Tasks_view_only_is_not_offered_and_refused"] = async shop =>
        {
            var anna = await shop.PersonAsync("Anna", keys: PermissionKey.TasksView);
            return await Try(shop, anna.Id, shop.Tasks[1], c => c.Assign, s => s.AssignAsync(anna.Id, [shop.Tasks[1]], anna.Id));
        },
        ["Assign_ones_own_task_without_an_edit_level_is_not_offered_and_refused"] = async shop =>
        {
            var anna = await shop.PersonAsync("Anna", keys: PermissionKey.TasksView);
            await shop.Ready(s => s.AssignAsync(shop.Owner, [shop.Tasks[0]], anna.Id));
            return await Try(shop, anna.Id, shop.Tasks[0], c => c.Assign, s => s.AssignAsync(anna.Id, [shop.Tasks[0]], null));
        },
        ["Change_status_with_an_edit_level_is_offered_and_works"] = async shop =>
        {
            var lead = await shop.PersonAsync("Lead", scope: TaskScope.AllDepartments);
            return await Try(shop, lead.Id, shop.Tasks[1], c => c.ChangeStatus, s => s.SetStatusAsync(lead.Id, [shop.Tasks[1]], WorkStatus.OnHold));
        },
        ["Change_status_with_Tasks_view_only_is_not_offered_and_refused"] = async shop =>
        {
            var anna = await shop.PersonAsync("Anna", keys: PermissionKey.TasksView);
            return await Try(shop, anna.Id, shop.Tasks[1], c => c.ChangeStatus, s => s.SetStatusAsync(anna.Id, [shop.Tasks[1]], WorkStatus.OnHold));
        },
        ["Change_status_of_a_department_task_from_outside_any_department_is_not_offered_and_refused"] = async shop =>
        {
            var lead = await shop.PersonAsync("Lead", scope: TaskScope.Department);
            return await Try(shop, lead.Id, shop.Tasks[2], c => c.ChangeStatus, s => s.SetStatusAsync(lead.Id, [shop.Tasks[2]], WorkStatus.OnHold));
        },
    };

    public static IEnumerable<TheoryDataRow<string>> ScenarioNames() => SecurityTestExtensions.Rows(Scenarios.Keys);

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task WhatTheScreenOffers_IsWhatTheServerDoes(string scenario)
    {
        var shop = await ShopAsync();

        var (offered, done) = await Scenarios[scenario](shop);

        Assert.Equal(offered.Allowed, done.Succeeded);
        Assert.Equal(scenario.Contains("_is_offered_and_works"), offered.Allowed);
        if (!offered.Allowed)
        {
            Assert.Equal(offered.Reason, done.Error);
        }
    }

    [Fact]
    public async Task TheTaskTable_OffersBulkActions_OnlyToHoldersOfATaskEditLevel()
    {
        var shop = await ShopAsync();
        var anna = await shop.PersonAsync("Anna", keys: PermissionKey.TasksView);
        var lead = await shop.PersonAsync("Lead", scope: TaskScope.Department);

        TaskTableCapabilities Table(Result<TaskPage> page) => page.Value!.Can;
        var annas = Table(await host.Call<TaskQueries, Result<TaskPage>>(s => s.ListAsync(anna.Id, new TaskQuery())));
        var leads = Table(await host.Call<TaskQueries, Result<TaskPage>>(s => s.ListAsync(lead.Id, new TaskQuery())));

        Assert.False(annas.Assign.Allowed);
        Assert.False(annas.ChangeStatus.Allowed);
        Assert.True(leads.Assign.Allowed);
        Assert.True(leads.ChangeStatus.Allowed);
    }

    [Fact]
    public async Task MyTasks_ShowsTheProductionsStatus()
    {
        var shop = await ShopAsync();
        var petra = await shop.PersonAsync("Petra");
        await shop.Ready(s => s.AssignAsync(shop.Owner, [shop.Tasks[0]], petra.Id));
        await shop.Production(ProductionAction.Start);
        await shop.Production(ProductionAction.Stop);

        var row = Assert.Single(await host.Call<TaskQueries, IReadOnlyList<TaskListRow>>(s => s.MyTasksAsync(petra.Id)));

        Assert.Equal(ProductionStatus.Stopped, row.ProductionStatus);
        Assert.Equal("The production is stopped; resume it first.", row.Can.Start.Reason);
    }
}
