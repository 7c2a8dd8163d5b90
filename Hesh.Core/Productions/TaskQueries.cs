using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Core.Productions;

public sealed record TaskQuery(string? Search = null, WorkStatus? Status = null, Guid? DepartmentId = null, string? AssigneeId = null,
    bool UnassignedOnly = false, Guid? ProductionId = null, int Page = 0, int PageSize = 25, ListSort<TaskSortField>? Sort = null);

/// <summary>The columns the task table sorts by, on the server; the address names them in kebab case.</summary>
public enum TaskSortField
{
    /// <summary>Production number, then the task's place in it (DW-2 before DW-10, which text would not give).</summary>
    Key,
    Name,
    Department,
    Assignee,
    Status,
}

public static class TaskSorts
{
    /// <summary>By key: the table's order when the address names none (or one it does not know).</summary>
    public static ListSort<TaskSortField> Default { get; } = new(TaskSortField.Key);

    public static ListSort<TaskSortField> Parse(string? text) => ListSort<TaskSortField>.Parse(text, Default);
}

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
    /// <summary>The production's status: a task of a stopped production cannot be started.</summary>
    public ProductionStatus ProductionStatus { get; init; }
    /// <summary>What the actor who asked may do with this task now.</summary>
    public TaskCapabilities Can { get; init; } = TaskCapabilities.None;
}

/// <summary>One page of the task table, with the bulk actions the actor may use on it.</summary>
public sealed record TaskPage(IReadOnlyList<TaskListRow> Items, int TotalCount, TaskTableCapabilities Can);

public sealed record AssignableUser(string Id, string Name);

/// <summary>
/// What the task screens list: My tasks (everyone, their own), the task table ("Tasks view") and who tasks can be
/// assigned to. Each row carries what the actor may do with it, decided by <see cref="TaskRules"/>; the actions
/// themselves are in <see cref="TaskService"/>, which checks again.
/// </summary>
public sealed class TaskQueries(HeshDbContext db, CurrentActorLoader actors)
{
    public async Task<IReadOnlyList<TaskListRow>> MyTasksAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.MyTasks))
        {
            return [];
        }
        var rows = await Rows(db.ProductionTasks.Where(t => t.CompanyId == actor.CompanyId && t.AssigneeId == actor.Id && t.Status != WorkStatus.Canceled))
            .OrderBy(r => r.Status == WorkStatus.Done).ThenBy(r => r.ProductionNumber).ThenBy(r => r.Order).ToListAsync(ct);
        return await WithCapabilitiesAsync(actor, rows, ct);
    }

    public async Task<Result<TaskPage>> ListAsync(string actorId, TaskQuery query, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.TasksView))
        {
            return Result<TaskPage>.From(Result.Fail(Messages.Say("You need the \"Tasks view\" permission to see the task table.")));
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
        // Order and page on the task rows (index: company, production number, order), then join for the page only;
        // the page's ids carry the order across the join, which SQL does not promise to keep.
        var ids = await Ordered(tasks, query.Sort ?? TaskSorts.Default).Skip(Math.Max(0, query.Page) * size).Take(size).Select(t => t.Id).ToListAsync(ct);
        var place = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var rows = (await Rows(tasks.Where(t => ids.Contains(t.Id))).ToListAsync(ct)).OrderBy(r => place[r.Id]).ToList();
        return Result<TaskPage>.Success(new TaskPage(await WithCapabilitiesAsync(actor, rows, ct), total, TaskRules.TableCapabilitiesOf(actor)));
    }

    /// <summary>Who tasks can be assigned to: active users only, for the bulk "Assign user".</summary>
    public async Task<IReadOnlyList<AssignableUser>> AssignableUsersAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.TasksView))
        {
            return [];
        }
        var users = await db.Users.AsNoTracking().Where(u => u.CompanyId == actor.CompanyId && u.Status == UserStatus.Active)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).Select(u => new { u.Id, Name = u.FirstName + " " + u.LastName }).ToListAsync(ct);
        return users.Select(u => new AssignableUser(u.Id, u.Name)).ToList();
    }

    private async Task<IReadOnlyList<TaskListRow>> WithCapabilitiesAsync(Actor actor, List<TaskListRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return rows;
        }
        var reach = await TaskEditReach.LoadAsync(db, actor, ct);
        return rows.Select(r => r with { Can = reach.CapabilitiesOf(r) }).ToList();
    }

    /// <summary>
    /// The table's order, in the database so that paging stays right: no department and unassigned last in either
    /// direction, then the key and the id, so that a page never reshuffles. Assignees sort as shown, first name first;
    /// statuses in their workflow order.
    /// </summary>
    private IQueryable<ProductionTask> Ordered(IQueryable<ProductionTask> tasks, ListSort<TaskSortField> sort)
    {
        var descending = sort.Descending;
        var ordered = sort.Field switch
        {
            TaskSortField.Name => tasks.OrderByDirection(t => t.Name, descending),
            TaskSortField.Department => tasks.OrderBy(t => t.DepartmentId == null ? 1 : 0)
                .ThenByDirection(t => db.Departments.Where(d => d.Id == t.DepartmentId).Select(d => d.Name).FirstOrDefault(), descending),
            TaskSortField.Assignee => tasks.OrderBy(t => t.AssigneeId == null ? 1 : 0)
                .ThenByDirection(t => db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault(), descending),
            TaskSortField.Status => tasks.OrderByDirection(OrderingByDirection.RankOf<ProductionTask, WorkStatus>(t => t.Status), descending),
            _ => tasks.OrderByDirection(t => t.ProductionNumber, descending).ThenByDirection(t => t.Order, descending),
        };
        return (sort.Field == TaskSortField.Key ? ordered : ordered.ThenBy(t => t.ProductionNumber).ThenBy(t => t.Order)).ThenBy(t => t.Id);
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
            ProductionStatus = p.Status,
        };
}
