using Hesh.Core.Data;
using Hesh.Core.Permissions;

namespace Hesh.Core.Users;

/// <summary>The actor of a call and the user it acts on, read together; the target is always of the actor's company.</summary>
public sealed record ActorAndTarget(Actor Actor, HeshUser Target);

/// <summary>Reads the actor from the store on every call, so a change of status or rights counts at once.</summary>
public sealed class CurrentActorLoader(HeshDbContext db)
{
    public async Task<Actor?> LoadAsync(string? actorId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(actorId))
        {
            return null;
        }
        var row = await db.Users.AsNoTracking().Where(u => u.Id == actorId)
            .Select(u => new { u.Id, u.CompanyId, u.IsAdmin, u.IsOwner, u.Status, u.WebAccess, u.MobileAccess, u.FirstName, u.LastName, u.AccessVersion, u.DepartmentId })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var actor = new Actor(row.Id, row.CompanyId, row.IsAdmin, row.IsOwner, row.Status,
            Actor.Effective(row.IsAdmin, row.WebAccess, Platform.Web), Actor.Effective(row.IsAdmin, row.MobileAccess, Platform.Mobile),
            $"{row.FirstName} {row.LastName}".Trim(), row.AccessVersion) { DepartmentId = row.DepartmentId };
        return actor with { Reach = await ReachOfAsync(actor, ct) };
    }

    /// <summary>
    /// The departments the actor's users scope covers, from the tree as it is now: only a scoped holder pays for the
    /// tree query, and a user moved in or out of those departments is in or out of reach on the next call.
    /// </summary>
    private async Task<UserReach> ReachOfAsync(Actor actor, CancellationToken ct)
    {
        var scope = actor.IsAdmin ? UserScope.AllUsers : actor.Web.EffectiveUsersScope;
        if (scope != UserScope.DepartmentAndSubDepartments || actor.DepartmentId is null)
        {
            return UserReach.Of(scope, actor.DepartmentId, _ => []);
        }
        var tree = (await db.Departments.AsNoTracking().Where(d => d.CompanyId == actor.CompanyId && d.ParentId != null)
            .Select(d => new { d.Id, d.ParentId }).ToListAsync(ct)).ToLookup(d => d.ParentId!.Value, d => d.Id);
        return UserReach.Of(scope, actor.DepartmentId, id => tree[id]);
    }

    /// <summary>
    /// The actor and a user of the actor's own company; null when either is missing, so a user of another company is
    /// "not found" exactly like one that does not exist. <paramref name="track"/> when the caller changes the target.
    /// </summary>
    public async Task<ActorAndTarget?> LoadWithTargetAsync(string? actorId, string? targetId, bool track = false, CancellationToken ct = default)
    {
        var actor = await LoadAsync(actorId, ct);
        if (actor is null || string.IsNullOrEmpty(targetId))
        {
            return null;
        }
        var users = track ? db.Users : db.Users.AsNoTracking();
        var target = await users.SingleOrDefaultAsync(u => u.Id == targetId && u.CompanyId == actor.CompanyId, ct);
        return target is null ? null : new ActorAndTarget(actor, target);
    }

    /// <summary>As <see cref="LoadWithTargetAsync"/>, and only when the actor may see the target (<see cref="UserAccess.CanView"/>).</summary>
    public async Task<ActorAndTarget?> LoadVisibleTargetAsync(string? actorId, string? targetId, bool track = false, CancellationToken ct = default) =>
        await LoadWithTargetAsync(actorId, targetId, track, ct) is { } pair && UserAccess.CanView(pair.Actor, pair.Target) ? pair : null;

    /// <summary>Another user for an actor already loaded (a copy's source), on the same terms as <see cref="LoadVisibleTargetAsync"/>.</summary>
    public async Task<HeshUser?> FindVisibleAsync(Actor actor, string? userId, bool track = false, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }
        var users = track ? db.Users : db.Users.AsNoTracking();
        var user = await users.SingleOrDefaultAsync(u => u.Id == userId && u.CompanyId == actor.CompanyId, ct);
        return user is not null && UserAccess.CanView(actor, user) ? user : null;
    }
}
