using Hesh.Core.Data;
using Hesh.Core.Permissions;

namespace Hesh.Core.Users;

public sealed record UserListQuery(string? Search = null, UserStatus? Status = null, int Page = 0, int PageSize = 25,
    Guid? DepartmentId = null, Guid? PositionId = null, bool NeverSignedIn = false, ListSort<UserSortField>? Sort = null);

/// <summary>The columns the Users list sorts by, on the server; the address names them in kebab case (<c>last-sign-in</c>).</summary>
public enum UserSortField
{
    Name,
    Status,
    Department,
    LastSignIn,
    Created,
}

public static class UserSorts
{
    /// <summary>By last name, then first name: the list's order when the address names none (or one it does not know).</summary>
    public static ListSort<UserSortField> Default { get; } = new(UserSortField.Name);

    public static ListSort<UserSortField> Parse(string? text) => ListSort<UserSortField>.Parse(text, Default);
}

public sealed record UserRow(string Id, string FullName, string Email, string? Phone, UserStatus Status, bool IsAdmin, bool IsOwner, bool HasPhoto,
    string? Department = null, string? Position = null, bool OnDayOff = false, int? TemplateDrift = null, DateTime? LastSignInAt = null, DateTime? CreatedAt = null);

public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed record UserDetails(
    string Id, string Email, string FirstName, string LastName, string? Phone, string? ExternalId,
    UserStatus Status, bool IsAdmin, bool IsOwner, string RoleName, string? PhotoDataUrl, DateTime CreatedAt,
    DateTime? InvitationExpiresAt, bool IsSelf, bool CanManage, Guid? DepartmentId = null, Guid? PositionId = null,
    bool CanAssignPosition = false, bool MustChangePassword = false)
{
    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>What the viewer may do with this user now, from <see cref="UserAccess.ActionsOn"/>.</summary>
    public UserActions Actions { get; init; } = UserActions.None;
}

/// <summary>Read models of the Users pages; every query is scoped to the actor's company.</summary>
public sealed class UserQueries(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<Result<Page<UserRow>>> ListAsync(string actorId, UserListQuery query, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !UserAccess.CanListUsers(actor))
        {
            return Result<Page<UserRow>>.From(Result.Fail(Messages.Say("Only administrators can see the list of users.")));
        }

        var users = Filtered(actor, query);

        var total = await users.CountAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        // Order and page on the user rows alone (index: company, last name, first name, id); join for the page only.
        var rows = await Ordered(users, query.Sort ?? UserSorts.Default)
            .Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, u.PhoneNumber, u.Status, u.IsAdmin, u.IsOwner, HasPhoto = u.Photo != null, u.DepartmentId, u.PositionId, u.LastSignInAt, u.CreatedAt })
            .Select(u => new UserRow(u.Id, u.FirstName + " " + u.LastName, u.Email!, u.PhoneNumber, u.Status, u.IsAdmin, u.IsOwner, u.HasPhoto,
                db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                db.Positions.Where(p => p.Id == u.PositionId).Select(p => p.Name).FirstOrDefault(),
                db.DayOffs.Any(d => d.UserId == u.Id && d.Start <= now && now < d.End), null, u.LastSignInAt, u.CreatedAt))
            .ToListAsync(ct);
        return Result<Page<UserRow>>.Success(new Page<UserRow>(await WithTemplateDriftAsync(rows, ct), total));
    }

    /// <summary>The company's users as the list's filters and search select them (the page and its export).</summary>
    private IQueryable<HeshUser> Filtered(Actor actor, UserListQuery query)
    {
        var users = InReach(db.Users.AsNoTracking().Where(u => u.CompanyId == actor.CompanyId), actor);
        if (query.Status is { } status)
        {
            users = users.Where(u => u.Status == status);
        }
        if (query.DepartmentId is { } department)
        {
            users = users.Where(u => u.DepartmentId == department);
        }
        if (query.PositionId is { } position)
        {
            users = users.Where(u => u.PositionId == position);
        }
        if (query.NeverSignedIn)
        {
            users = users.Where(u => u.LastSignInAt == null);
        }
        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            // One lower-cased column (names both ways, email, phone) scanned once: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
            var pattern = SearchPattern.Contains(search);
            users = users.Where(u => EF.Functions.Like(u.SearchText, pattern, SearchPattern.Escape));
        }
        return users;
    }

    /// <summary>
    /// The users within the actor's users scope (<see cref="UserAccess.CanView"/>), filtered in the query itself so
    /// paging and counts see only them. One's own row stays, as on the details page.
    /// </summary>
    public static IQueryable<HeshUser> InReach(IQueryable<HeshUser> users, Actor actor)
    {
        var reach = actor.UsersReach;
        if (reach.IsEveryone)
        {
            return users;
        }
        var departments = reach.Departments.ToList();
        var self = actor.Id;
        return users.Where(u => u.Id == self || (u.DepartmentId != null && departments.Contains(u.DepartmentId.Value)));
    }

    /// <summary>
    /// Every user the Users list shows with these filters (no paging), for the CSV and XLSX export; the same rule as the
    /// list. Departments are written as paths ("Assembly/Welding"), as the import reads them.
    /// </summary>
    public async Task<Result<IReadOnlyList<Import.UserExportRow>>> ExportAsync(string actorId, UserListQuery query, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !UserAccess.CanListUsers(actor))
        {
            return Result<IReadOnlyList<Import.UserExportRow>>.From(Result.Fail(Messages.Say("Only administrators can see the list of users.")));
        }
        var users = await Ordered(Filtered(actor, query), UserSorts.Default)
            .Select(u => new { u.Email, u.FirstName, u.LastName, u.PhoneNumber, u.ExternalId, u.DepartmentId, u.PositionId, u.Status, u.IsAdmin, u.IsOwner, u.CreatedAt, u.LastSignInAt })
            .ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().Where(d => d.CompanyId == actor.CompanyId).ToDictionaryAsync(d => d.Id, ct);
        var positions = await db.Positions.AsNoTracking().Where(p => p.CompanyId == actor.CompanyId).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        string? PathOf(Guid? id)
        {
            var names = new List<string>();
            for (var at = id; at is { } current && departments.TryGetValue(current, out var node) && names.Count <= departments.Count; at = node.ParentId)
            {
                names.Insert(0, node.Name);
            }
            return names.Count == 0 ? null : string.Join("/", names);
        }
        return Result<IReadOnlyList<Import.UserExportRow>>.Success(users.Select(u => new Import.UserExportRow(u.Email!, u.FirstName, u.LastName, u.PhoneNumber,
            u.ExternalId, PathOf(u.DepartmentId), u.PositionId is { } p ? positions.GetValueOrDefault(p) : null, u.Status,
            u.IsOwner ? "Company owner" : u.IsAdmin ? "Admin" : "User", u.CreatedAt, u.LastSignInAt)).ToList());
    }

    /// <summary>
    /// The list's order, in the database so that paging stays right. Never signed in sorts as longest ago and no
    /// department last, spelled out because SQLite puts nulls first when ascending and PostgreSQL last; statuses in their
    /// workflow order (pending, active, inactive); names, then the
    /// id, break ties so that a page never reshuffles.
    /// </summary>
    private IQueryable<HeshUser> Ordered(IQueryable<HeshUser> users, ListSort<UserSortField> sort)
    {
        var descending = sort.Descending;
        var ordered = sort.Field switch
        {
            UserSortField.Status => users.OrderByDirection(OrderingByDirection.RankOf<HeshUser, UserStatus>(u => u.Status), descending),
            UserSortField.Department => users.OrderBy(u => u.DepartmentId == null ? 1 : 0)
                .ThenByDirection(u => db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(), descending),
            UserSortField.LastSignIn => users.OrderByDirection(u => u.LastSignInAt == null ? 0 : 1, descending).ThenByDirection(u => u.LastSignInAt, descending),
            UserSortField.Created => users.OrderByDirection(u => u.CreatedAt, descending),
            _ => users.OrderByDirection(u => u.LastName, descending).ThenByDirection(u => u.FirstName, descending),
        };
        return (sort.Field == UserSortField.Name ? ordered : ordered.ThenBy(u => u.LastName).ThenBy(u => u.FirstName)).ThenBy(u => u.Id);
    }

    /// <summary>"Differs from position template (N)" for the rows of one page: their access against their positions' templates.</summary>
    private async Task<List<UserRow>> WithTemplateDriftAsync(List<UserRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var members = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.PositionId != null && !u.IsAdmin).ToListAsync(ct);
        var positionIds = members.Select(u => u.PositionId!.Value).Distinct().ToList();
        var templates = (await db.Positions.AsNoTracking().Where(p => positionIds.Contains(p.Id)).ToListAsync(ct))
            .Where(p => p.Template is not null).ToDictionary(p => p.Id, p => p.Template!);
        var drift = members.Where(u => templates.ContainsKey(u.PositionId!.Value))
            .ToDictionary(u => u.Id, u => AccessDiff.Between(AccessPair.Of(u), templates[u.PositionId!.Value]).Count);
        return rows.Select(r => drift.TryGetValue(r.Id, out var n) ? r with { TemplateDrift = n } : r).ToList();
    }

    /// <summary>A user of the actor's own company that the actor may see; otherwise "not found", whatever the reason.</summary>
    public async Task<UserDetails?> GetAsync(string actorId, string userId, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, ct: ct) is not (var actor, var user))
        {
            return null;
        }
        var photo = user.Photo is null ? null : $"data:{user.PhotoContentType};base64,{Convert.ToBase64String(user.Photo)}";
        var gaveBack = actor.IsOwner && user.IsAdmin && user.Id != actor.Id && await GaveOwnershipBackAsync(actor, user, ct);
        return new UserDetails(user.Id, user.Email!, user.FirstName, user.LastName, user.PhoneNumber, user.ExternalId,
            user.Status, user.IsAdmin, user.IsOwner, user.RoleName, photo, user.CreatedAt, user.InvitationExpiresAt,
            user.Id == actor.Id, UserAccess.CanManage(actor, user), user.DepartmentId, user.PositionId,
            Positions.PositionService.CanAssign(actor, user), MustChangePassword: user.MustChangePassword)
        {
            Actions = UserAccess.ActionsOn(actor, user, gaveBack),
        };
    }

    /// <summary>What the actor may do on the Users list (add users); nothing for someone who may not see it.</summary>
    public async Task<UserDirectoryActions> DirectoryActionsAsync(string actorId, CancellationToken ct = default) =>
        await actors.LoadAsync(actorId, ct) is { } actor && UserAccess.CanListUsers(actor) ? UserAccess.DirectoryActions(actor) : UserDirectoryActions.None;

    /// <summary>The latest transfer in the company went from <paramref name="former"/> to the actor, who had once given it to them.</summary>
    private async Task<bool> GaveOwnershipBackAsync(Actor actor, HeshUser former, CancellationToken ct)
    {
        var transfers = db.AuditEntries.AsNoTracking()
            .Where(e => e.CompanyId == actor.CompanyId && e.Action == Audit.AuditAction.OwnershipTransferred && e.SubjectId == actor.Id);
        var latest = await transfers.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.ActorId).FirstOrDefaultAsync(ct);
        return latest == former.Id && await db.AuditEntries.AsNoTracking().AnyAsync(e => e.CompanyId == actor.CompanyId
            && e.Action == Audit.AuditAction.OwnershipTransferred && e.ActorId == actor.Id && e.SubjectId == former.Id, ct);
    }
}
