using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// The actions the screens no longer offer (issue 13): each case is a component event the page would not show to this
/// person, because Core's capabilities say no. Each is checked twice: the capability Core hands the screen is "not
/// allowed", and the server refuses the call anyway and the company's data stays exactly as it was.
/// </summary>
public sealed class CapabilityAttacks(AppHost host)
{
    /// <summary>
    /// Anna holds Tasks view only; Boris Productions view only; Dora Tasks view with the Department edit level in the
    /// sub-department; Edda Products edit, with a product of no step; a production stopped with Petra's task unlocked.
    /// </summary>
    private sealed record World(Tenant T, HeshUser Anna, HeshUser Boris, HeshUser Dora, HeshUser Edda, Guid EmptyProductId,
        Guid StoppedProductionId, Guid StoppedTaskId)
    {
        public string Owner => T.OwnerId;
        public string Performer => T.Performer.Id;
    }

    private sealed record Case(Func<AppHost, World, Task<Result>> Act, Func<AppHost, World, Task<bool>> Offered);

    private static readonly OnceBuilt<World> Shared = new();

    private Task<World> WorldAsync() => Shared.GetAsync(BuildAsync);

    private async Task<World> BuildAsync()
    {
        var t = await Tenant.CreateAsync(host);
        var anna = await t.Company.AddUserAsync("Anna");
        var boris = await t.Company.AddUserAsync("Boris");
        var dora = await t.Company.AddUserAsync("Dora");
        var edda = await t.Company.AddUserAsync("Edda");
        Ok(await Toggle(t.OwnerId, anna.Id, PermissionKey.TasksView));
        Ok(await Toggle(t.OwnerId, boris.Id, PermissionKey.ProductionsView));
        Ok(await Toggle(t.OwnerId, dora.Id, PermissionKey.TasksView));
        Ok(await host.Call<UserPermissionService, Result<PermissionSheet>>(async s =>
            await s.SetTaskScopeAsync(t.OwnerId, dora.Id, Platform.Web, TaskScope.Department, (await host.FindUserAsync(dora.Id))!.AccessVersion)));
        Ok(await host.Call<PositionService, Result>(s => s.AssignAsync(t.OwnerId, dora.Id, t.SubDepartmentId, null)));
        Ok(await Toggle(t.OwnerId, edda.Id, PermissionKey.ProductsEdit));
        var empty = await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(t.OwnerId, new ProductInput { Name = $"Empty {t.Tag}" }));
        Ok(empty);

        var stopped = await host.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(t.OwnerId, new LaunchInput { ProductId = t.ProductId }));
        Ok(stopped);
        var first = (await host.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(t.OwnerId, stopped.Value)))!.Tasks[0].Id;
        Ok(await host.Call<TaskService, Result>(s => s.AssignAsync(t.OwnerId, [first], t.Performer.Id)));
        Ok(await host.Call<ProductionService, Result>(s => s.ApplyAsync(t.OwnerId, stopped.Value, ProductionAction.Start)));
        Ok(await host.Call<ProductionService, Result>(s => s.ApplyAsync(t.OwnerId, stopped.Value, ProductionAction.Stop)));
        return new World(t, anna, boris, dora, edda, empty.Value, stopped.Value, first);
    }

    private async Task<Result> Toggle(string actor, string target, PermissionKey key) =>
        await host.Call<UserPermissionService, Result<PermissionSheet>>(async s =>
            await s.ToggleAsync(actor, target, Platform.Web, key, true, (await host.FindUserAsync(target))!.AccessVersion));

    private static void Ok(Result result) => Assert.True(result.Succeeded, result.Error);

    /// <summary>The task as the actor's screen gets it: the task table when they may see it, else My tasks.</summary>
    private static async Task<TaskCapabilities> TaskCan(AppHost h, string actor, Guid taskId)
    {
        var table = await h.Call<TaskQueries, Result<TaskPage>>(s => s.ListAsync(actor, new TaskQuery(PageSize: 100)));
        var rows = table.Value?.Items ?? await h.Call<TaskQueries, IReadOnlyList<TaskListRow>>(s => s.MyTasksAsync(actor));
        return rows.SingleOrDefault(r => r.Id == taskId)?.Can ?? TaskCapabilities.None;
    }

    private static async Task<ProductionCapabilities> ProductionCan(AppHost h, string actor, Guid id) =>
        (await h.Call<ProductionService, ProductionDetails?>(s => s.GetAsync(actor, id)))?.Can ?? ProductionCapabilities.None;

    private static async Task<bool> Offers(AppHost h, string actor, Guid production, ProductionAction action) =>
        (await ProductionCan(h, actor, production)).Actions.Contains(action);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["Tasks_viewer_without_Manage_failed_tasks_cannot_fail_a_done_task"] = new(
            (h, w) => h.Call<TaskService, Result>(s => s.FailAsync(w.Anna.Id, w.T.DoneTaskId, "Redo it", null)),
            async (h, w) => (await TaskCan(h, w.Anna.Id, w.T.DoneTaskId)).Fail.Allowed),
        ["Tasks_viewer_without_Manage_in_queue_cannot_unlock_a_queued_task"] = new(
            (h, w) => h.Call<TaskService, Result>(s => s.UnlockAsync(w.Anna.Id, w.T.QueuedTaskId)),
            async (h, w) => (await TaskCan(h, w.Anna.Id, w.T.QueuedTaskId)).Unlock.Allowed),
        ["Tasks_viewer_without_a_task_edit_level_cannot_assign_a_task"] = new(
            (h, w) => h.Call<TaskService, Result>(s => s.AssignAsync(w.Anna.Id, [w.T.QueuedTaskId], w.Anna.Id)),
            async (h, w) => (await TaskCan(h, w.Anna.Id, w.T.QueuedTaskId)).Assign.Allowed),
        ["Tasks_viewer_without_a_task_edit_level_cannot_assign_tasks_automatically"] = new(
            async (h, w) => await h.Call<TaskService, Result<int>>(s => s.AutoAssignAsync(w.Anna.Id, [w.T.QueuedTaskId])),
            async (h, w) => (await h.Call<TaskQueries, Result<TaskPage>>(s => s.ListAsync(w.Anna.Id, new TaskQuery()))).Value!.Can.Assign.Allowed),
        ["Tasks_viewer_without_a_task_edit_level_cannot_change_a_tasks_status"] = new(
            (h, w) => h.Call<TaskService, Result>(s => s.SetStatusAsync(w.Anna.Id, [w.T.TodoTaskId], WorkStatus.OnHold)),
            async (h, w) => (await TaskCan(h, w.Anna.Id, w.T.TodoTaskId)).ChangeStatus.Allowed),
        ["Department_level_holder_cannot_assign_a_task_of_the_parent_department"] = new(
            (h, w) => h.Call<TaskService, Result>(s => s.AssignAsync(w.Dora.Id, [w.T.TodoTaskId], w.Dora.Id)),
            async (h, w) => (await TaskCan(h, w.Dora.Id, w.T.TodoTaskId)).Assign.Allowed),
        ["Department_level_holder_cannot_change_the_status_of_a_task_of_the_parent_department"] = new(
            (h, w) => h.Call<TaskService, Result>(s => s.SetStatusAsync(w.Dora.Id, [w.T.TodoTaskId], WorkStatus.Blocked)),
            async (h, w) => (await TaskCan(h, w.Dora.Id, w.T.TodoTaskId)).ChangeStatus.Allowed),
        ["Performer_cannot_start_their_task_while_its_production_is_stopped"] = new(
            (h, w) => h.Call<TaskService, Result>(s => s.StartAsync(w.Performer, w.StoppedTaskId)),
            async (h, w) => (await TaskCan(h, w.Performer, w.StoppedTaskId)).Start.Allowed),
        ["Admin_cannot_start_a_task_still_in_queue"] = new(
            (h, w) => h.Call<TaskService, Result>(s => s.StartAsync(w.Owner, w.T.QueuedTaskId)),
            async (h, w) => (await TaskCan(h, w.Owner, w.T.QueuedTaskId)).Start.Allowed),
        ["Performer_cannot_finish_a_task_not_started"] = new(
            (h, w) => h.Call<TaskService, Result>(s => s.FinishAsync(w.Performer, w.T.TodoTaskId)),
            async (h, w) => (await TaskCan(h, w.Performer, w.T.TodoTaskId)).Finish.Allowed),
        ["Productions_viewer_cannot_start_a_production"] = new(
            (h, w) => h.Call<ProductionService, Result>(s => s.ApplyAsync(w.Boris.Id, w.T.TodoProductionId, ProductionAction.Start)),
            (h, w) => Offers(h, w.Boris.Id, w.T.TodoProductionId, ProductionAction.Start)),
        ["Productions_viewer_cannot_fulfil_a_production_from_stock"] = new(
            (h, w) => h.Call<ProductionService, Result>(s => s.ApplyAsync(w.Boris.Id, w.T.TodoProductionId, ProductionAction.FulfilFromStock)),
            (h, w) => Offers(h, w.Boris.Id, w.T.TodoProductionId, ProductionAction.FulfilFromStock)),
        ["Productions_viewer_cannot_cancel_a_production"] = new(
            (h, w) => h.Call<ProductionService, Result>(s => s.ApplyAsync(w.Boris.Id, w.T.RunningProductionId, ProductionAction.Cancel)),
            (h, w) => Offers(h, w.Boris.Id, w.T.RunningProductionId, ProductionAction.Cancel)),
        ["Productions_viewer_cannot_resume_a_stopped_production"] = new(
            (h, w) => h.Call<ProductionService, Result>(s => s.ApplyAsync(w.Boris.Id, w.StoppedProductionId, ProductionAction.Resume)),
            (h, w) => Offers(h, w.Boris.Id, w.StoppedProductionId, ProductionAction.Resume)),
        ["Productions_viewer_cannot_delete_a_production"] = new(
            (h, w) => h.Call<ProductionService, Result>(s => s.DeleteAsync(w.Boris.Id, w.T.TodoProductionId)),
            async (h, w) => (await ProductionCan(h, w.Boris.Id, w.T.TodoProductionId)).Delete.Allowed),
        ["Productions_viewer_cannot_launch_a_production"] = new(
            async (h, w) => await h.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(w.Boris.Id, new LaunchInput { ProductId = w.T.ProductId })),
            async (h, w) => (await h.Call<ProductionService, ProductionList?>(s => s.ListAsync(w.Boris.Id, new ProductionQuery())))!.Launch.Allowed),
        ["Productions_editor_cannot_start_a_production_already_running"] = new(
            (h, w) => h.Call<ProductionService, Result>(s => s.ApplyAsync(w.Owner, w.T.RunningProductionId, ProductionAction.Start)),
            (h, w) => Offers(h, w.Owner, w.T.RunningProductionId, ProductionAction.Start)),
        ["Productions_editor_cannot_fulfil_a_running_production_from_stock"] = new(
            (h, w) => h.Call<ProductionService, Result>(s => s.ApplyAsync(w.Owner, w.T.RunningProductionId, ProductionAction.FulfilFromStock)),
            (h, w) => Offers(h, w.Owner, w.T.RunningProductionId, ProductionAction.FulfilFromStock)),
        ["Productions_editor_cannot_delete_a_running_production"] = new(
            (h, w) => h.Call<ProductionService, Result>(s => s.DeleteAsync(w.Owner, w.T.RunningProductionId)),
            async (h, w) => (await ProductionCan(h, w.Owner, w.T.RunningProductionId)).Delete.Allowed),
        ["Products_editor_cannot_publish_a_product_with_no_step"] = new(
            async (h, w) => await h.Call<ProductService, Result<int>>(s => s.PublishAsync(w.Edda.Id, w.EmptyProductId)),
            async (h, w) => (await h.Call<ProductService, ProductDetails?>(s => s.GetAsync(w.Edda.Id, w.EmptyProductId)))!.Can.Publish.Allowed),
        ["Products_viewer_cannot_publish_a_product"] = new(
            async (h, w) => await h.Call<ProductService, Result<int>>(s => s.PublishAsync(w.Anna.Id, w.T.ProductId)),
            async (h, w) => (await h.Call<ProductService, ProductDetails?>(s => s.GetAsync(w.Anna.Id, w.T.ProductId)))!.Can.Publish.Allowed),
        ["Products_viewer_cannot_create_a_product"] = new(
            async (h, w) => await h.Call<ProductService, Result<Guid>>(s => s.CreateAsync(w.Anna.Id, new ProductInput { Name = "Sneaky" })),
            async (h, w) => (await h.Call<ProductService, ProductList?>(s => s.ListAsync(w.Anna.Id, null)))!.Create.Allowed),
    };

    public static IEnumerable<TheoryDataRow<string>> CaseNames() => Rows(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Action_the_screen_does_not_offer_is_refused_and_changes_nothing(string rule)
    {
        var world = await WorldAsync();
        var @case = Cases[rule];
        Assert.False(await @case.Offered(host, world), $"{rule}: Core offers this action to the screen.");
        var before = await DbFingerprint.TakeAsync(host, world.T.Id);

        var result = await @case.Act(host, world);

        Assert.False(result.Succeeded, $"{rule}: the action went through.");
        Assert.False(string.IsNullOrWhiteSpace(result.Error), "A refusal says why.");
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, world.T.Id));
    }
}
