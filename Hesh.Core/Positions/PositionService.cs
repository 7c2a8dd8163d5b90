using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Positions;

public sealed record DepartmentNode(Guid Id, string Name, Guid? ParentId, int UserCount, IReadOnlyList<DepartmentNode> Children)
{
    public IEnumerable<DepartmentNode> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}

public sealed record PositionRow(Guid Id, string Name, int UserCount, AccessPair? Template = null);

/// <summary>A position's template with who holds the position and, of them, who follows the template exactly.</summary>
public sealed record PositionTemplate(Guid Id, string Name, AccessPair? Template, int Holders, IReadOnlyList<string> FollowerIds, bool CanEdit);

/// <param name="Templates">How the actor may fill a position's permission template; null when they may not edit templates.</param>
public sealed record OrgChart(IReadOnlyList<DepartmentNode> Departments, IReadOnlyList<PositionRow> Positions, TemplateEditor? Templates = null)
{
    public IEnumerable<DepartmentNode> AllDepartments => Departments.SelectMany(d => d.SelfAndDescendants());

    /// <summary>"Assembly › Welding" for pickers.</summary>
    public string PathOf(Guid id)
    {
        var byId = AllDepartments.ToDictionary(d => d.Id);
        var names = new List<string>();
        for (Guid? at = id; at is { } current && byId.TryGetValue(current, out var node); at = node.ParentId)
        {
            names.Insert(0, node.Name);
        }
        return string.Join(" › ", names);
    }
}

/// <summary>
/// Departments (a tree) and positions (a list), guarded by "Positions & departments". Nothing is deleted
/// silently: a department with users or sub-departments, or a position held by users, is refused with the counts.
/// Every change is written to the audit log in the same commit; none changes anyone's access, so none is announced.
/// </summary>
public sealed class PositionService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, ILogger<PositionService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<OrgChart?> GetChartAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || actor.Status != UserStatus.Active)
        {
            return null;
        }
        var departments = await db.Departments.AsNoTracking().Where(d => d.CompanyId == actor.CompanyId).OrderBy(d => d.Name).ToListAsync(ct);
        var deptUsers = await db.Users.Where(u => u.CompanyId == actor.CompanyId && u.DepartmentId != null)
            .GroupBy(u => u.DepartmentId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var posUsers = await db.Users.Where(u => u.CompanyId == actor.CompanyId && u.PositionId != null)
            .GroupBy(u => u.PositionId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var positions = await db.Positions.AsNoTracking().Where(p => p.CompanyId == actor.CompanyId).OrderBy(p => p.Name).ToListAsync(ct);

        DepartmentNode Build(Department d) => new(d.Id, d.Name, d.ParentId, deptUsers.GetValueOrDefault(d.Id),
            departments.Where(c => c.ParentId == d.Id).Select(Build).ToList());
        return new OrgChart(departments.Where(d => d.ParentId is null).Select(Build).ToList(),
            positions.Select(p => new PositionRow(p.Id, p.Name, posUsers.GetValueOrDefault(p.Id), p.Template)).ToList(),
            CanEditTemplate(actor) ? new TemplateEditor(actor) : null);
    }

    public async Task<Result> AddDepartmentAsync(string actorId, string name, Guid? parentId, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(actorId, ct);
        if (actor is null)
        {
            return NotAllowed;
        }
        var invalid = CheckName(name, Department.NameMaxLength);
        if (invalid is not null)
        {
            return invalid;
        }
        if (parentId is { } parent && !await db.Departments.AnyAsync(d => d.Id == parent && d.CompanyId == actor.CompanyId, ct))
        {
            return Result.Invalid("Parent", Messages.Say("The parent department does not exist."));
        }
        if (await db.Departments.AnyAsync(d => d.CompanyId == actor.CompanyId && d.ParentId == parentId && d.Name == name.Trim(), ct))
        {
            return Result.Invalid("Name", Messages.Say("A department with this name already exists here."));
        }
        var department = new Department { CompanyId = actor.CompanyId, Name = name.Trim(), ParentId = parentId };
        db.Departments.Add(department);
        var all = await db.Departments.AsNoTracking().Where(d => d.CompanyId == actor.CompanyId).ToListAsync(ct);
        AuditLog.Record(db, Now, actor, department.Id.ToString(), department.Name, AuditAction.DepartmentAdded, "Department", null,
            parentId is { } under ? $"{department.Name}, under {PathOf(under, all)}" : department.Name);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Department {Name} added by {ActorId}", name.Trim(), actorId);
        return Result.Ok;
    }

    public async Task<Result> RenameDepartmentAsync(string actorId, Guid id, string name, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(actorId, ct);
        if (actor is null)
        {
            return NotAllowed;
        }
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == actor.CompanyId, ct);
        if (department is null)
        {
            return Result.Fail(Messages.Say("This department no longer exists."));
        }
        var invalid = CheckName(name, Department.NameMaxLength);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.Departments.AnyAsync(d => d.CompanyId == actor.CompanyId && d.ParentId == department.ParentId && d.Name == name.Trim() && d.Id != id, ct))
        {
            return Result.Invalid("Name", Messages.Say("A department with this name already exists here."));
        }
        var before = department.Name;
        department.Name = name.Trim();
        if (before != department.Name)
        {
            AuditLog.Record(db, Now, actor, department.Id.ToString(), department.Name, AuditAction.DepartmentRenamed, "Department name", before, department.Name);
        }
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    /// <summary>Moves a department under another (or to the top); never under itself or its own sub-departments.</summary>
    public async Task<Result> MoveDepartmentAsync(string actorId, Guid id, Guid? newParentId, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(actorId, ct);
        if (actor is null)
        {
            return NotAllowed;
        }
        var all = await db.Departments.Where(d => d.CompanyId == actor.CompanyId).ToListAsync(ct);
        var department = all.SingleOrDefault(d => d.Id == id);
        if (department is null || (newParentId is { } p && all.All(d => d.Id != p)))
        {
            return Result.Fail(Messages.Say("This department no longer exists."));
        }
        for (var at = newParentId; at is { } current; at = all.Single(d => d.Id == current).ParentId)
        {
            if (current == id)
            {
                return Result.Fail(Messages.Say("A department cannot be moved under itself or one of its sub-departments."));
            }
        }
        // A department decides whose tasks a task edit level reaches: moving one under one's own department would widen
        // one's own rights as surely as moving oneself (which CanAssign forbids). Admins hold everything anyway.
        if (!actor.IsAdmin && await db.Users.Where(u => u.Id == actor.Id).Select(u => u.DepartmentId).SingleAsync(ct) is { } own
            && Within(newParentId, own, all) && !Within(department.ParentId, own, all))
        {
            return Result.Fail(Messages.Say("You cannot move a department under your own department: only an administrator can."));
        }
        if (department.ParentId != newParentId)
        {
            AuditLog.Record(db, Now, actor, department.Id.ToString(), department.Name, AuditAction.DepartmentMoved, "Parent department",
                PlaceOf(department.ParentId, all), PlaceOf(newParentId, all));
        }
        department.ParentId = newParentId;
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    private static string PlaceOf(Guid? parentId, List<Department> all) => parentId is { } id ? PathOf(id, all) : "Top level";

    /// <summary>"Assembly › Welding", as the page names a department.</summary>
    private static string PathOf(Guid id, List<Department> all)
    {
        var names = new List<string>();
        for (Guid? at = id; at is { } current && all.SingleOrDefault(d => d.Id == current) is { } node; at = node.ParentId)
        {
            names.Insert(0, node.Name);
        }
        return string.Join(" › ", names);
    }

    /// <summary>True when <paramref name="start"/> is <paramref name="ancestor"/> or lies somewhere below it.</summary>
    private static bool Within(Guid? start, Guid ancestor, List<Department> all)
    {
        for (var at = start; at is { } current; at = all.SingleOrDefault(d => d.Id == current)?.ParentId)
        {
            if (current == ancestor)
            {
                return true;
            }
        }
        return false;
    }

    public async Task<Result> DeleteDepartmentAsync(string actorId, Guid id, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(actorId, ct);
        if (actor is null)
        {
            return NotAllowed;
        }
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id && d.CompanyId == actor.CompanyId, ct);
        if (department is null)
        {
            return Result.Fail(Messages.Say("This department no longer exists."));
        }
        var users = await db.Users.CountAsync(u => u.DepartmentId == id, ct);
        var children = await db.Departments.CountAsync(d => d.ParentId == id, ct);
        if (users > 0 || children > 0)
        {
            return Result.Fail(Messages.Say("\"{0}\" still has {1} and {2}. Move them first.", department.Name, Messages.Count(users, "{0} user", "{0} users"), Messages.Count(children, "{0} sub-department", "{0} sub-departments")));
        }
        db.Departments.Remove(department);
        AuditLog.Record(db, Now, actor, department.Id.ToString(), department.Name, AuditAction.DepartmentDeleted, "Department", department.Name, null);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Department {DepartmentId} deleted by {ActorId}", id, actorId);
        return Result.Ok;
    }

    public async Task<Result> AddPositionAsync(string actorId, string name, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(actorId, ct);
        if (actor is null)
        {
            return NotAllowed;
        }
        var invalid = CheckName(name, Position.NameMaxLength);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.Positions.AnyAsync(p => p.CompanyId == actor.CompanyId && p.Name == name.Trim(), ct))
        {
            return Result.Invalid("Name", Messages.Say("A position with this name already exists."));
        }
        var position = new Position { CompanyId = actor.CompanyId, Name = name.Trim() };
        db.Positions.Add(position);
        AuditLog.Record(db, Now, actor, position.Id.ToString(), position.Name, AuditAction.PositionAdded, "Position", null, position.Name);
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    public async Task<Result> RenamePositionAsync(string actorId, Guid id, string name, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(actorId, ct);
        if (actor is null)
        {
            return NotAllowed;
        }
        var position = await db.Positions.SingleOrDefaultAsync(p => p.Id == id && p.CompanyId == actor.CompanyId, ct);
        if (position is null)
        {
            return Result.Fail(Messages.Say("This position no longer exists."));
        }
        var invalid = CheckName(name, Position.NameMaxLength);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await db.Positions.AnyAsync(p => p.CompanyId == actor.CompanyId && p.Name == name.Trim() && p.Id != id, ct))
        {
            return Result.Invalid("Name", Messages.Say("A position with this name already exists."));
        }
        var before = position.Name;
        position.Name = name.Trim();
        if (before != position.Name)
        {
            AuditLog.Record(db, Now, actor, position.Id.ToString(), position.Name, AuditAction.PositionRenamed, "Position name", before, position.Name);
        }
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    public async Task<Result> DeletePositionAsync(string actorId, Guid id, CancellationToken ct = default)
    {
        var actor = await ManagerAsync(actorId, ct);
        if (actor is null)
        {
            return NotAllowed;
        }
        var position = await db.Positions.SingleOrDefaultAsync(p => p.Id == id && p.CompanyId == actor.CompanyId, ct);
        if (position is null)
        {
            return Result.Fail(Messages.Say("This position no longer exists."));
        }
        var users = await db.Users.CountAsync(u => u.PositionId == id, ct);
        if (users > 0)
        {
            return Result.Fail(Messages.Say("\"{0}\" is held by {1}. Give them another position first.", position.Name, Messages.Count(users, "{0} user", "{0} users")));
        }
        db.Positions.Remove(position);
        AuditLog.Record(db, Now, actor, position.Id.ToString(), position.Name, AuditAction.PositionDeleted, "Position", position.Name, null);
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    public async Task<Result<PositionTemplate>> GetTemplateAsync(string actorId, Guid positionId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        var position = actor is not { Status: UserStatus.Active } ? null
            : await db.Positions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == positionId && p.CompanyId == actor.CompanyId, ct);
        if (position is null)
        {
            return Result<PositionTemplate>.From(Result.Fail(Messages.Say("This position no longer exists.")));
        }
        var holders = await db.Users.AsNoTracking().Where(u => u.PositionId == positionId && u.CompanyId == actor!.CompanyId).ToListAsync(ct);
        return Result<PositionTemplate>.Success(new PositionTemplate(position.Id, position.Name, position.Template, holders.Count,
            Followers(holders, position.Template), CanEditTemplate(actor!)));
    }

    /// <summary>
    /// Sets (or, with null, removes) a position's permission template. Nobody's permissions change here; the result
    /// names the holders who followed the old template exactly, to whom the caller offers to apply the new one.
    /// </summary>
    public async Task<Result<PositionTemplate>> SetTemplateAsync(string actorId, Guid positionId, AccessPair? template, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !CanEditTemplate(actor))
        {
            return Result<PositionTemplate>.From(Result.Fail(Messages.Say("You need \"Positions & departments\" and \"Users permissions\" to edit templates.")));
        }
        var position = await db.Positions.SingleOrDefaultAsync(p => p.Id == positionId && p.CompanyId == actor.CompanyId, ct);
        if (position is null)
        {
            return Result<PositionTemplate>.From(Result.Fail(Messages.Say("This position no longer exists.")));
        }
        if (template is not null && GrantRules.BeyondOwnGrants(actor, template))
        {
            return Result<PositionTemplate>.From(Result.Fail(Refusal.BeyondOwnGrants.Message));
        }
        var holders = await db.Users.AsNoTracking().Where(u => u.PositionId == positionId && u.CompanyId == actor.CompanyId).ToListAsync(ct);
        var followers = Followers(holders, position.Template);
        var before = position.Template;
        position.Template = template;
        if (!(before is null && template is null) && !(before is not null && template is not null && before.SameAs(template)))
        {
            AuditLog.Record(db, Now, actor, position.Id.ToString(), position.Name, template is null ? AuditAction.TemplateRemoved : AuditAction.TemplateSet,
                $"Permission template of {position.Name}", before?.Describe() ?? AuditChange.NoTemplate, template?.Describe() ?? AuditChange.NoTemplate);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Template of position {PositionId} {Change} by {ActorId}", positionId, template is null ? "removed" : "set", actorId);
        return Result<PositionTemplate>.Success(new PositionTemplate(position.Id, position.Name, template, holders.Count, followers, true));
    }

    private static IReadOnlyList<string> Followers(IEnumerable<HeshUser> holders, AccessPair? template) =>
        template is null ? [] : holders.Where(u => !u.IsAdmin && AccessPair.Of(u).SameAs(template)).Select(u => u.Id).ToList();

    private static bool CanEditTemplate(Actor actor) =>
        actor.Status == UserStatus.Active && (actor.IsAdmin || (actor.Has(PermissionKey.PositionsDepartments) && actor.Has(PermissionKey.UsersPermissions)));

    /// <summary>The Position tab: a user's department and position, set by admins or holders of "Positions & departments".</summary>
    public async Task<Result> AssignAsync(string actorId, string userId, Guid? departmentId, Guid? positionId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        var user = actor is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.CompanyId == actor.CompanyId, ct);
        if (user is null)
        {
            return Result.NotFound;
        }
        if (!CanAssign(actor!, user))
        {
            return Result.Fail(actor!.IsAdmin || actor.Has(PermissionKey.PositionsDepartments)
                ? Messages.Say("Only an administrator can change an administrator's or their own department and position.")
                : NotAllowed.Error!);
        }
        if (departmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d && x.CompanyId == actor!.CompanyId, ct))
        {
            return Result.Invalid("Department", Messages.Say("This department does not exist."));
        }
        if (user.DepartmentId != departmentId && GrantRules.CheckPlacement(actor!, user.DepartmentId, departmentId) is { } placement)
        {
            return Result.Fail(placement.Message);
        }
        if (positionId is { } p && !await db.Positions.AnyAsync(x => x.Id == p && x.CompanyId == actor!.CompanyId, ct))
        {
            return Result.Invalid("Position", Messages.Say("This position does not exist."));
        }
        if (user.DepartmentId != departmentId)
        {
            var departments = await db.Departments.AsNoTracking().Where(x => x.CompanyId == actor!.CompanyId).ToListAsync(ct);
            AuditLog.Record(db, Now, actor, user, AuditAction.PositionChanged, "Department",
                user.DepartmentId is { } was ? PathOf(was, departments) : Unplaced, departmentId is { } now ? PathOf(now, departments) : Unplaced);
        }
        if (user.PositionId != positionId)
        {
            var names = await db.Positions.AsNoTracking().Where(x => x.Id == user.PositionId || x.Id == positionId).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
            AuditLog.Record(db, Now, actor, user, AuditAction.PositionChanged, "Position",
                user.PositionId is { } was ? names.GetValueOrDefault(was, Unplaced) : Unplaced, positionId is { } now ? names[now] : Unplaced);
        }
        user.DepartmentId = departmentId;
        user.PositionId = positionId;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Position of {UserId} set by {ActorId}", userId, actorId);
        return Result.Ok;
    }

    /// <summary>
    /// Admins place anyone. Holders of "Positions & departments" place other non-admin users, never themselves: a
    /// department decides whose tasks a task edit level reaches, so moving oneself would widen one's own rights.
    /// </summary>
    public static bool CanAssign(Actor actor, HeshUser target) =>
        actor.Status == UserStatus.Active && actor.CompanyId == target.CompanyId
        && (actor.IsAdmin || (actor.Has(PermissionKey.PositionsDepartments) && target.Id != actor.Id && !target.IsAdmin));

    private static Result NotAllowed => Result.Fail(Messages.Say("You need the \"Positions & departments\" permission for this."));

    /// <summary>The audit log's word for no department or no position.</summary>
    public const string Unplaced = "none";

    private async Task<Actor?> ManagerAsync(string actorId, CancellationToken ct)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        return actor is not null && actor.Has(PermissionKey.PositionsDepartments) ? actor : null;
    }

    private static Result? CheckName(string? name, int max) =>
        string.IsNullOrWhiteSpace(name) ? Result.Invalid("Name", Messages.Say("Name is required."))
        : name.Trim().Length > max ? Result.Invalid("Name", Messages.Say("Name must be at most {0} characters.", max))
        : name.IndexOfAny(['<', '>']) >= 0 ? Result.Invalid("Name", Messages.Say("Name may not contain < or >."))
        : null;

}
