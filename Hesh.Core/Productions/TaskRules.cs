using Hesh.Core.Common.Localization;
using Hesh.Core.Permissions;

namespace Hesh.Core.Productions;

/// <summary>
/// Who may work or edit a task, and how a task moves. A user always works their own tasks (My tasks is always on);
/// other users' tasks follow the Task edit level over the department tree; tasks with no department are inside
/// every scope.
/// </summary>
public static class TaskRules
{
    public static bool CanEdit(TaskScope scope, bool isAssignee, Guid? actorDepartment, Guid? taskDepartment, Func<Guid, IReadOnlySet<Guid>> subtreeOf) =>
        isAssignee || scope switch
        {
            TaskScope.AllDepartments => true,
            TaskScope.NoAccess => false,
            _ when taskDepartment is null => true,
            _ when actorDepartment is null => false,
            TaskScope.Department => taskDepartment == actorDepartment,
            _ => subtreeOf(actorDepartment.Value).Contains(taskDepartment.Value),
        };

    public static string? CheckStart(ProductionTask task, ProductionStatus production) => CheckStart(task.Status, task.InQueue, production);

    public static string? CheckStart(WorkStatus status, bool inQueue, ProductionStatus production) =>
        production is ProductionStatus.Stopped ? Messages.Say("The production is stopped; resume it first.")
        : ProductionRules.IsFinal(production) ? Messages.Say("The production is finished.")
        : inQueue ? Messages.Say("This task is still in queue: it unlocks when the previous one is done.")
        : status is WorkStatus.ToDo or WorkStatus.Reopened or WorkStatus.OnHold ? null
        : Messages.Say("A task that is {0} cannot be started.", Title(status).ToLower(System.Globalization.CultureInfo.CurrentCulture));

    public static string? CheckFinish(ProductionTask task) => CheckFinish(task.Status);

    public static string? CheckFinish(WorkStatus status) =>
        status == WorkStatus.InProgress ? null : Messages.Say("Only a task in progress can be finished.");

    public static string? CheckFail(ProductionTask task) => CheckFail(task.Status);

    public static string? CheckFail(WorkStatus status) =>
        status == WorkStatus.Done ? null : Messages.Say("Only a done task can be failed.");

    public static string? CheckUnlock(bool inQueue) => inQueue ? null : Messages.Say("This task is already unlocked.");

    /// <summary>Bulk status changes set work states only; Done and Reopened come from finishing and failing.</summary>
    public static string? CheckSetStatus(WorkStatus status) =>
        status is WorkStatus.Done or WorkStatus.Reopened ? Messages.Say("Done and Reopened come from finishing and failing tasks, not from a bulk change.") : null;

    public static string NeedsPermission(PermissionKey key) => Messages.Say("You need the \"{0}\" permission for this.", PermissionCatalog.Get(key).Name());

    public static string OutsideEditLevel(string taskKey) => Messages.Say("{0} is outside your task edit level; nothing was changed.", taskKey);

    /// <summary>
    /// What <paramref name="actor"/> may do with one task now. <paramref name="inEditLevel"/> is whether the task's
    /// department is inside the actor's Task edit level (<see cref="CanEdit"/> for someone else's task): one's own tasks
    /// are always workable, assigning and bulk status changes always need the level, failing and unlocking their own
    /// permissions company-wide.
    /// </summary>
    public static TaskCapabilities CapabilitiesOf(Actor actor, string taskKey, WorkStatus status, bool inQueue, ProductionStatus production,
        bool isAssignee, bool inEditLevel)
    {
        Permit Needs(PermissionKey key) => actor.Has(key) ? Permit.Yes : Permit.No(NeedsPermission(key));
        var reachOwn = isAssignee || inEditLevel ? Permit.Yes : Permit.No(OutsideEditLevel(taskKey));
        var reachOthers = inEditLevel ? Permit.Yes : Permit.No(OutsideEditLevel(taskKey));
        return new TaskCapabilities(
            Start: Needs(PermissionKey.MyTasks).Then(() => reachOwn).Then(() => Permit.Unless(CheckStart(status, inQueue, production))),
            Finish: Needs(PermissionKey.MyTasks).Then(() => reachOwn).Then(() => Permit.Unless(CheckFinish(status))),
            Fail: Needs(PermissionKey.ManageFailedTasks).Then(() => Permit.Unless(CheckFail(status))),
            Unlock: Needs(PermissionKey.ManageInQueue).Then(() => Permit.Unless(CheckUnlock(inQueue))),
            Assign: Needs(PermissionKey.TasksView).Then(() => reachOthers),
            ChangeStatus: Needs(PermissionKey.TasksView).Then(() => reachOthers));
    }

    /// <summary>The task table's bulk actions: offered to holders of a Task edit level; each task is checked again.</summary>
    public static TaskTableCapabilities TableCapabilitiesOf(Actor actor)
    {
        var level = !actor.Has(PermissionKey.TasksView) ? Permit.No(NeedsPermission(PermissionKey.TasksView))
            : actor.Web.TaskScope > TaskScope.NoAccess ? Permit.Yes
            : Permit.No(Messages.Say("Assigning tasks and changing their status needs a Task edit level."));
        return new TaskTableCapabilities(level, level);
    }

    public static string Title(WorkStatus status) => status switch
    {
        WorkStatus.ToDo => Messages.Say("To do"),
        WorkStatus.Reopened => Messages.Say("Reopened"),
        WorkStatus.InProgress => Messages.Say("In progress"),
        WorkStatus.OnHold => Messages.Say("On-Hold"),
        WorkStatus.Blocked => Messages.Say("Blocked"),
        WorkStatus.Done => Messages.Say("Done"),
        WorkStatus.Canceled => Messages.Say("Canceled"),
        _ => status.ToString(),
    };
}
