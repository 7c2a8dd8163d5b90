using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Productions;

/// <summary>
/// Task actions: working one's own tasks, editing others' tasks by the Task edit level, failing done tasks ("Manage failed tasks") and unlocking queued ones ("Manage \"In queue\" state").
/// </summary>
public sealed class TaskService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, ILogger<TaskService> logger)
{
    public Task<Result> StartAsync(string actorId, Guid taskId, CancellationToken ct = default) =>
        ChangeAsync(actorId, [taskId], PermissionKey.MyTasks, ct, (task, production) =>
        {
            var refusal = TaskRules.CheckStart(task, production.Status);
            if (refusal is not null)
            {
                return refusal;
            }
            task.Status = WorkStatus.InProgress;
            if (production.Status == ProductionStatus.ToDo)
            {
                production.Status = ProductionStatus.InProgress;
            }
            return null;
        });

    /// <summary>Done: the next task of the production unlocks; the last one done makes the production Done.</summary>
    public Task<Result> FinishAsync(string actorId, Guid taskId, CancellationToken ct = default) =>
        ChangeAsync(actorId, [taskId], PermissionKey.MyTasks, ct, (task, production) =>
        {
            var refusal = TaskRules.CheckFinish(task);
            if (refusal is not null)
            {
                return refusal;
            }
            task.Status = WorkStatus.Done;
            task.DoneAt = clock.GetUtcNow().UtcDateTime;
            var next = production.Tasks.Where(t => t.Order > task.Order).OrderBy(t => t.Order).FirstOrDefault();
            if (next is not null)
            {
                next.InQueue = false;
            }
            if (production.Tasks.All(t => t.Status is WorkStatus.Done or WorkStatus.Canceled))
            {
                production.Status = ProductionStatus.Done;
            }
            return null;
        });

    public async Task<Result> AssignAsync(string actorId, IReadOnlyList<Guid> taskIds, string? assigneeId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null)
        {
            return Result.Fail(Messages.Say("Sign in again."));
        }
        if (assigneeId is not null && !await db.Users.AnyAsync(u => u.Id == assigneeId && u.CompanyId == actor.CompanyId && u.Status == UserStatus.Active, ct))
        {
            return Result.Fail(Messages.Say("Tasks can be assigned only to active users of the company."));
        }
        return await ChangeAsync(actorId, taskIds, PermissionKey.TasksView, ct, (task, _) =>
        {
            task.AssigneeId = assigneeId;
            return null;
        }, othersOnly: true);
    }

    /// <summary>
    /// "Assign automatically": each unassigned task goes to the active user of its department (any department for
    /// tasks without one) who has the fewest open tasks — skipping everyone on a day-off right now.
    /// </summary>
    public async Task<Result<int>> AutoAssignAsync(string actorId, IReadOnlyList<Guid> taskIds, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null)
        {
            return Result<int>.From(Result.Fail(Messages.Say("Sign in again.")));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Users.AsNoTracking()
            .Where(u => u.CompanyId == actor.CompanyId && u.Status == UserStatus.Active)
            .Where(u => !db.DayOffs.Any(d => d.UserId == u.Id && d.Start <= now && now < d.End))
            .Select(u => new { u.Id, u.DepartmentId, Open = db.ProductionTasks.Count(t => t.AssigneeId == u.Id && t.Status != WorkStatus.Done && t.Status != WorkStatus.Canceled) })
            .ToListAsync(ct);
        var load = candidates.ToDictionary(c => c.Id, c => c.Open);
        var assigned = 0;
        var result = await ChangeAsync(actorId, taskIds, PermissionKey.TasksView, ct, (task, _) =>
        {
            if (task.AssigneeId is not null)
            {
                return null;
            }
            var pick = candidates.Where(c => task.DepartmentId is null || c.DepartmentId == task.DepartmentId)
                .OrderBy(c => load[c.Id]).ThenBy(c => c.Id).FirstOrDefault();
            if (pick is null)
            {
                return null;
            }
            task.AssigneeId = pick.Id;
            load[pick.Id]++;
            assigned++;
            return null;
        }, othersOnly: true);
        return result.Succeeded ? Result<int>.Success(assigned) : Result<int>.From(result);
    }

    public Task<Result> SetStatusAsync(string actorId, IReadOnlyList<Guid> taskIds, WorkStatus status, CancellationToken ct = default) =>
        ChangeAsync(actorId, taskIds, PermissionKey.TasksView, ct, (task, _) =>
        {
            if (TaskRules.CheckSetStatus(status) is { } refusal)
            {
                return refusal;
            }
            task.Status = status;
            return null;
        }, othersOnly: true);

    /// <summary>"Manage failed tasks": a done task is reopened (redone without repayment) and counted as a failure.</summary>
    public Task<Result> FailAsync(string actorId, Guid taskId, string reason, string? comment, CancellationToken ct = default) =>
        ChangeAsync(actorId, [taskId], PermissionKey.ManageFailedTasks, ct, (task, production) =>
        {
            if (string.IsNullOrWhiteSpace(reason) || reason.Length > 200 || comment is { Length: > 1000 })
            {
                return Messages.Say("Give a reason (up to 200 characters); the comment may have up to 1,000.");
            }
            var refusal = TaskRules.CheckFail(task);
            if (refusal is not null)
            {
                return refusal;
            }
            task.Status = WorkStatus.Reopened;
            db.TaskFailures.Add(new TaskFailure { TaskId = task.Id, CompanyId = task.CompanyId, Reason = reason.Trim(), Comment = comment?.Trim(), ActorId = actorId, At = clock.GetUtcNow().UtcDateTime });
            if (production.Status == ProductionStatus.Done)
            {
                production.Status = ProductionStatus.InProgress;
            }
            return null;
        }, byEditLevel: false);

    /// <summary>"Manage \"In queue\" state": unlock a task ahead of its queue.</summary>
    public Task<Result> UnlockAsync(string actorId, Guid taskId, CancellationToken ct = default) =>
        ChangeAsync(actorId, [taskId], PermissionKey.ManageInQueue, ct, (task, _) =>
        {
            if (TaskRules.CheckUnlock(task.InQueue) is { } refusal)
            {
                return refusal;
            }
            task.InQueue = false;
            return null;
        }, byEditLevel: false);

    /// <summary>
    /// Loads the tasks with their productions, checks the permission and, for tasks not assigned to the actor, the
    /// Task edit level over the department tree (failing and unlocking are granted by their own permissions, company-wide);
    /// applies the change to all or to none.
    /// </summary>
    private async Task<Result> ChangeAsync(string actorId, IReadOnlyList<Guid> taskIds, PermissionKey needed, CancellationToken ct,
        Func<ProductionTask, Production, string?> change, bool othersOnly = false, bool byEditLevel = true)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(needed))
        {
            return Result.Fail(TaskRules.NeedsPermission(needed));
        }
        var tasks = await db.ProductionTasks.Where(t => taskIds.Contains(t.Id) && t.CompanyId == actor.CompanyId).ToListAsync(ct);
        if (tasks.Count != taskIds.Distinct().Count())
        {
            return Result.Fail(Messages.Say("Some of these tasks no longer exist."));
        }
        var productionIds = tasks.Select(t => t.ProductionId).Distinct().ToList();
        var productions = await db.Productions.Include(p => p.Tasks).Where(p => productionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var statusBefore = productions.Values.ToDictionary(p => p.Id, p => p.Status);
        var reach = await TaskEditReach.LoadAsync(db, actor, ct);
        foreach (var tracked in tasks)
        {
            var task = productions[tracked.ProductionId].Tasks.Single(t => t.Id == tracked.Id);
            if (byEditLevel && !reach.CanEdit(task.AssigneeId, task.DepartmentId, othersOnly))
            {
                db.ChangeTracker.Clear();
                return Result.Fail(TaskRules.OutsideEditLevel(task.Key));
            }
            var refusal = change(task, productions[task.ProductionId]);
            if (refusal is not null)
            {
                db.ChangeTracker.Clear();
                return Result.Fail(tasks.Count > 1 ? Messages.Say("{0}: {1} Nothing was changed.", task.Key, refusal) : refusal);
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var production in productions.Values.Where(p => p.Status != statusBefore[p.Id]))
        {
            ProductionAudit.StatusChanged(db, now, actor, production, statusBefore[production.Id], tasks.Count == 1 ? $"Task {tasks[0].Key}" : $"{tasks.Count} tasks");
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{Count} task(s) changed by {ActorId}", tasks.Count, actorId);
        return Result.Ok;
    }
}

/// <summary>A done task failed by someone with "Manage failed tasks": reopened, redone without repayment.</summary>
public sealed class TaskFailure
{
    public long Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid TaskId { get; init; }
    public string Reason { get; init; } = "";
    public string? Comment { get; init; }
    public string ActorId { get; init; } = "";
    public DateTime At { get; init; }
}
