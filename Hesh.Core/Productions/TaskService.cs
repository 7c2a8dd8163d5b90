using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Productions;

public sealed record TaskQuery(string? Search = null, WorkStatus? Status = null, Guid? DepartmentId = null, string? AssigneeId = null,
    bool UnassignedOnly = false, Guid? ProductionId = null, int Page = 0, int PageSize = 25);

/// <summary>A row of My tasks and the task table; init-only so that queries can still order and page by its members.</summary>
public sealed record TaskListRow
{
    public Guid Id { get; init; }
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid ProductionId { get; init; }
    public string ProductionKey { get; init; } = "";
    public int Order { get; init; }
    public int ProductionNumber { get; init; }
    public Guid? DepartmentId { get; init; }
    public string? Department { get; init; }
    public string? AssigneeId { get; init; }
    public string? Assignee { get; init; }
    public WorkStatus Status { get; init; }
    public bool InQueue { get; init; }
    public decimal BasicReward { get; init; }
    public int Failures { get; init; }
}

/// <summary>
/// Tasks: My tasks (everyone, their own), the task table ("Tasks view"), editing others' tasks by the Task edit level,
/// failing done tasks ("Manage failed tasks") and unlocking queued ones ("Manage \"In queue\" state").
/// </summary>
public sealed class TaskService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, ILogger<TaskService> logger)
{
    public async Task<IReadOnlyList<TaskListRow>> MyTasksAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.MyTasks))
        {
            return [];
        }
        return await Rows(db.ProductionTasks.Where(t => t.CompanyId == actor.CompanyId && t.AssigneeId == actor.Id && t.Status != WorkStatus.Canceled))
            .OrderBy(r => r.Status == WorkStatus.Done).ThenBy(r => r.ProductionNumber).ThenBy(r => r.Order).ToListAsync(ct);
    }

    public async Task<Result<Users.Page<TaskListRow>>> ListAsync(string actorId, TaskQuery query, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.TasksView))
        {
            return Result<Users.Page<TaskListRow>>.From(Result.Fail("You need the \"Tasks view\" permission to see the task table."));
        }
        var tasks = db.ProductionTasks.Where(t => t.CompanyId == actor.CompanyId);
        if (query.Status is { } status)
        {
            tasks = tasks.Where(t => t.Status == status);
        }
        if (query.DepartmentId is { } department)
        {
            tasks = tasks.Where(t => t.DepartmentId == department);
        }
        if (query.UnassignedOnly)
        {
            tasks = tasks.Where(t => t.AssigneeId == null);
        }
        else if (query.AssigneeId is { } assignee)
        {
            tasks = tasks.Where(t => t.AssigneeId == assignee);
        }
        if (query.ProductionId is { } production)
        {
            tasks = tasks.Where(t => t.ProductionId == production);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SearchPattern.Contains(query.Search);
            tasks = tasks.Where(t => EF.Functions.Like(t.SearchText, pattern, SearchPattern.Escape));
        }
        var total = await tasks.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, 100);
        // Order and page on the task rows (index: company, production number, order), then join for the page only.
        var page = tasks.OrderBy(t => t.ProductionNumber).ThenBy(t => t.Order).Skip(Math.Max(0, query.Page) * size).Take(size);
        var rows = await Rows(page).OrderBy(r => r.ProductionNumber).ThenBy(r => r.Order).ToListAsync(ct);
        return Result<Users.Page<TaskListRow>>.Success(new Users.Page<TaskListRow>(rows, total));
    }

    /// <summary>Who tasks can be assigned to: active users only, for the bulk "Assign user".</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> AssignableUsersAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.TasksView))
        {
            return [];
        }
        var users = await db.Users.AsNoTracking().Where(u => u.CompanyId == actor.CompanyId && u.Status == UserStatus.Active)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).Select(u => new { u.Id, Name = u.FirstName + " " + u.LastName }).ToListAsync(ct);
        return users.Select(u => (u.Id, u.Name)).ToList();
    }

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
            return Result.Fail("Sign in again.");
        }
        if (assigneeId is not null && !await db.Users.AnyAsync(u => u.Id == assigneeId && u.CompanyId == actor.CompanyId && u.Status == UserStatus.Active, ct))
        {
            return Result.Fail("Tasks can be assigned only to active users of the company.");
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
            return Result<int>.From(Result.Fail("Sign in again."));
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
            if (status is WorkStatus.Done or WorkStatus.Reopened)
            {
                return "Done and Reopened come from finishing and failing tasks, not from a bulk change.";
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
                return "Give a reason (up to 200 characters); the comment may have up to 1,000.";
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
            if (!task.InQueue)
            {
                return "This task is already unlocked.";
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
            return Result.Fail($"You need the \"{PermissionCatalog.Get(needed).Title}\" permission for this.");
        }
        var tasks = await db.ProductionTasks.Where(t => taskIds.Contains(t.Id) && t.CompanyId == actor.CompanyId).ToListAsync(ct);
        if (tasks.Count != taskIds.Distinct().Count())
        {
            return Result.Fail("Some of these tasks no longer exist.");
        }
        var productionIds = tasks.Select(t => t.ProductionId).Distinct().ToList();
        var productions = await db.Productions.Include(p => p.Tasks).Where(p => productionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var actorDepartment = await db.Users.Where(u => u.Id == actor.Id).Select(u => u.DepartmentId).SingleAsync(ct);
        var departments = await db.Departments.Where(d => d.CompanyId == actor.CompanyId).Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
        IReadOnlySet<Guid> SubtreeOf(Guid root)
        {
            var set = new HashSet<Guid> { root };
            for (var grew = true; grew;)
            {
                grew = false;
                foreach (var d in departments.Where(d => d.ParentId is { } p && set.Contains(p) && !set.Contains(d.Id)))
                {
                    grew = set.Add(d.Id) || grew;
                }
            }
            return set;
        }
        foreach (var tracked in tasks)
        {
            var task = productions[tracked.ProductionId].Tasks.Single(t => t.Id == tracked.Id);
            var own = task.AssigneeId == actor.Id && !othersOnly;
            if (byEditLevel && !TaskRules.CanEdit(actor.Web.TaskScope, own, actorDepartment, task.DepartmentId, SubtreeOf))
            {
                db.ChangeTracker.Clear();
                return Result.Fail($"{task.Key} is outside your task edit level; nothing was changed.");
            }
            var refusal = change(task, productions[task.ProductionId]);
            if (refusal is not null)
            {
                db.ChangeTracker.Clear();
                return Result.Fail(tasks.Count > 1 ? $"{task.Key}: {refusal} Nothing was changed." : refusal);
            }
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{Count} task(s) changed by {ActorId}", tasks.Count, actorId);
        return Result.Ok;
    }

    private IQueryable<TaskListRow> Rows(IQueryable<ProductionTask> tasks) =>
        from t in tasks.AsNoTracking()
        join p in db.Productions on t.ProductionId equals p.Id
        join d in db.Departments on t.DepartmentId equals d.Id into dj
        from d in dj.DefaultIfEmpty()
        join u in db.Users on t.AssigneeId equals u.Id into uj
        from u in uj.DefaultIfEmpty()
        select new TaskListRow
        {
            Id = t.Id, Key = t.Key, Name = t.Name, ProductionId = p.Id, ProductionKey = p.Key, Order = t.Order, ProductionNumber = t.ProductionNumber,
            DepartmentId = t.DepartmentId, Department = d.Name, AssigneeId = t.AssigneeId, Assignee = u == null ? null : u.FirstName + " " + u.LastName,
            Status = t.Status, InQueue = t.InQueue, BasicReward = t.BasicReward, Failures = db.TaskFailures.Count(f => f.TaskId == t.Id),
        };
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
