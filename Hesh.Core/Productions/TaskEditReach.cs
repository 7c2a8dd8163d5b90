using Hesh.Core.Data;
using Hesh.Core.Permissions;

namespace Hesh.Core.Productions;

/// <summary>
/// The actor's Task edit level over the company's department tree, loaded once per call: which tasks of others
/// the actor may edit. The rule is <see cref="TaskRules.CanEdit"/>; this only supplies its inputs.
/// </summary>
internal sealed class TaskEditReach
{
    private readonly Actor _actor;
    private readonly Guid? _actorDepartment;
    private readonly ILookup<Guid?, Guid> _children;

    private TaskEditReach(Actor actor, Guid? actorDepartment, ILookup<Guid?, Guid> children) =>
        (_actor, _actorDepartment, _children) = (actor, actorDepartment, children);

    public static async Task<TaskEditReach> LoadAsync(HeshDbContext db, Actor actor, CancellationToken ct)
    {
        var actorDepartment = await db.Users.Where(u => u.Id == actor.Id).Select(u => u.DepartmentId).SingleOrDefaultAsync(ct);
        var departments = await db.Departments.Where(d => d.CompanyId == actor.CompanyId).Select(d => new { d.Id, d.ParentId }).ToListAsync(ct);
        return new TaskEditReach(actor, actorDepartment, departments.ToLookup(d => d.ParentId, d => d.Id));
    }

    /// <summary>Whether the actor may edit this task; <paramref name="othersOnly"/> actions do not count one's own assignment.</summary>
    public bool CanEdit(string? assigneeId, Guid? taskDepartment, bool othersOnly = false) =>
        TaskRules.CanEdit(_actor.Web.TaskScope, !othersOnly && assigneeId == _actor.Id, _actorDepartment, taskDepartment, SubtreeOf);

    public TaskCapabilities CapabilitiesOf(TaskListRow row) =>
        TaskRules.CapabilitiesOf(_actor, row.Key, row.Status, row.InQueue, row.ProductionStatus, row.AssigneeId == _actor.Id, CanEdit(row.AssigneeId, row.DepartmentId, othersOnly: true));

    private IReadOnlySet<Guid> SubtreeOf(Guid root)
    {
        var set = new HashSet<Guid>();
        var pending = new Stack<Guid>([root]);
        while (pending.TryPop(out var id))
        {
            if (set.Add(id))
            {
                foreach (var child in _children[id])
                {
                    pending.Push(child);
                }
            }
        }
        return set;
    }
}
