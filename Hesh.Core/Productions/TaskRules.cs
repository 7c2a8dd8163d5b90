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

    public static string? CheckStart(ProductionTask task, ProductionStatus production) =>
        production is ProductionStatus.Stopped ? "The production is stopped; resume it first."
        : ProductionRules.IsFinal(production) ? "The production is finished."
        : task.InQueue ? "This task is still in queue: it unlocks when the previous one is done."
        : task.Status is WorkStatus.ToDo or WorkStatus.Reopened or WorkStatus.OnHold ? null
        : $"A task that is {Title(task.Status).ToLowerInvariant()} cannot be started.";

    public static string? CheckFinish(ProductionTask task) =>
        task.Status == WorkStatus.InProgress ? null : "Only a task in progress can be finished.";

    public static string? CheckFail(ProductionTask task) =>
        task.Status == WorkStatus.Done ? null : "Only a done task can be failed.";

    public static string Title(WorkStatus status) => status switch
    {
        WorkStatus.ToDo => "To Do",
        WorkStatus.InProgress => "In Progress",
        WorkStatus.OnHold => "On-Hold",
        _ => status.ToString(),
    };
}
