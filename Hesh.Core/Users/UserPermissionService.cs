using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users;

public sealed record PermissionToggle(Permission Permission, bool On, Refusal? Lock);

/// <param name="UsersScope">The reach of "Users permissions" (All users when it is off); <paramref name="UsersScopeLock"/> why it
/// cannot be changed, <paramref name="AllowedUsersScopes"/> which scopes this actor may give.</param>
public sealed record PlatformSheet(Platform Platform, IReadOnlyList<PermissionToggle> Toggles, TaskScope TaskScope,
    Refusal? TaskScopeLock, IReadOnlyList<TaskScope> AllowedScopes, UserScope UsersScope = UserScope.AllUsers,
    Refusal? UsersScopeLock = null, IReadOnlyList<UserScope>? AllowedUsersScopes = null);

/// <summary>Everything the Permissions tab shows, with each lock's reason decided here, not in the component.</summary>
public sealed record PermissionSheet(string UserId, string FullName, bool IsAdmin, bool IsOwner, UserStatus Status, int Version,
    Refusal? AdminLock, PlatformSheet Web, PlatformSheet Mobile)
{
    public PlatformSheet For(Platform platform) => platform == Platform.Web ? Web : Mobile;
}

/// <summary>
/// Changes of a user's permissions and admin rights. Each call loads the actor from the store, checks
/// <see cref="GrantRules"/>, refuses a change made on a stale version, and writes the audit entry in the same commit.
/// </summary>
public sealed class UserPermissionService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock,
    ILogger<UserPermissionService> logger)
{
    public async Task<PermissionSheet?> GetAsync(string actorId, string userId, CancellationToken ct = default)
    {
        return await actors.LoadVisibleTargetAsync(actorId, userId, ct: ct) is (var actor, var user) ? Sheet(actor, user) : null;
    }

    public Task<Result<PermissionSheet>> ToggleAsync(string actorId, string userId, Platform platform, PermissionKey key, bool on, int version, CancellationToken ct = default) =>
        ChangeAsync(actorId, userId, version, ct, (actor, user) =>
        {
            var refusal = GrantRules.CheckToggle(actor, Member.Of(user), platform, key, on);
            if (refusal is not null)
            {
                return refusal;
            }
            var before = Stored(user, platform);
            var after = GrantRules.AsGivenBy(actor, platform, before, before.With(key, on));
            SetStored(user, platform, after);
            AuditLog.Record(db, Now, actor, user, on ? AuditAction.PermissionGranted : AuditAction.PermissionRevoked,
                $"{platform.Title()} · {PermissionCatalog.Get(key).Title}", before.Describe(), after.Describe(), ChangeSource.Toggle)
                .Announce(AccessChangeKind.Permissions, $"{PermissionCatalog.Get(key).Title} ({platform.Title().ToLowerInvariant()}) switched {(on ? "on" : "off")}");
            return null;
        });

    public Task<Result<PermissionSheet>> SetTaskScopeAsync(string actorId, string userId, Platform platform, TaskScope scope, int version, CancellationToken ct = default) =>
        ChangeAsync(actorId, userId, version, ct, (actor, user) =>
        {
            var refusal = GrantRules.CheckTaskScope(actor, Member.Of(user), platform, scope);
            if (refusal is not null)
            {
                return refusal;
            }
            var before = Stored(user, platform);
            var after = before.WithScope(scope);
            SetStored(user, platform, after);
            AuditLog.Record(db, Now, actor, user, AuditAction.TaskEditLevelChanged, $"{platform.Title()} · Task edit level",
                before.TaskScope.Title(), after.TaskScope.Title(), ChangeSource.Toggle)
                .Announce(AccessChangeKind.Permissions, $"Task edit level ({platform.Title().ToLowerInvariant()}) set to {scope.Title()}");
            return null;
        });

    /// <summary>The reach of the user's "Users permissions" (setting one switches the permission on); never wider than the actor's own.</summary>
    public Task<Result<PermissionSheet>> SetUsersScopeAsync(string actorId, string userId, Platform platform, UserScope scope, int version, CancellationToken ct = default) =>
        ChangeAsync(actorId, userId, version, ct, (actor, user) =>
        {
            if (!Enum.IsDefined(scope))
            {
                return Refusal.NotAllowed;
            }
            var refusal = GrantRules.CheckUsersScope(actor, Member.Of(user), platform, scope);
            if (refusal is not null)
            {
                return refusal;
            }
            var before = Stored(user, platform);
            var after = before.WithUsersScope(scope);
            SetStored(user, platform, after);
            var wider = !before.Has(PermissionKey.UsersPermissions) || scope > before.EffectiveUsersScope;
            var was = before.Has(PermissionKey.UsersPermissions) ? before.EffectiveUsersScope.Title() : "off";
            AuditLog.Record(db, Now, actor, user, wider ? AuditAction.PermissionGranted : AuditAction.PermissionRevoked,
                $"{platform.Title()} · Users permissions scope", was, scope.Title(), ChangeSource.Toggle)
                .Announce(AccessChangeKind.Permissions, $"Users permissions ({platform.Title().ToLowerInvariant()}) set to {scope.Title()}");
            return null;
        });

    public Task<Result<PermissionSheet>> SetAdminAsync(string actorId, string userId, bool on, int version, CancellationToken ct = default) =>
        ChangeAsync(actorId, userId, version, ct, (actor, user) =>
        {
            var refusal = GrantRules.CheckAdmin(actor, Member.Of(user), on);
            if (refusal is not null)
            {
                return refusal;
            }
            user.IsAdmin = on;
            AuditLog.Record(db, Now, actor, user, on ? AuditAction.AdminGranted : AuditAction.AdminRevoked, "Administrator",
                on ? "User" : "Admin", on ? "Admin" : "User", ChangeSource.Toggle)
                .Announce(AccessChangeKind.Admin, on ? "Administrator rights granted" : "Administrator rights removed");
            return null;
        });

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Each change records its audit entry with the announcement open tabs receive once it commits.</summary>
    private async Task<Result<PermissionSheet>> ChangeAsync(string actorId, string userId, int version, CancellationToken ct,
        Func<Actor, HeshUser, Refusal?> change)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result<PermissionSheet>.From(Result.NotFound);
        }
        if (user.AccessVersion != version)
        {
            return Refused(Refusal.Stale, actor, user);
        }
        var refusal = change(actor, user);
        if (refusal is not null)
        {
            logger.LogInformation("Permission change on {UserId} by {ActorId} refused: {Refusal}", user.Id, actor.Id, refusal.Code);
            return Refused(refusal, actor, user);
        }
        user.AccessVersion++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another admin committed between our read and our write: nothing of ours was saved.
            db.ChangeTracker.Clear();
            var fresh = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
            return Refused(Refusal.Stale, actor, fresh);
        }
        logger.LogInformation("Permissions of {UserId} changed by {ActorId} (version {Version})", user.Id, actor.Id, user.AccessVersion);
        return Result<PermissionSheet>.Success(Sheet(actor, user));
    }

    private Result<PermissionSheet> Refused(Refusal refusal, Actor actor, HeshUser user) =>
        new() { Error = refusal.Message, Value = Sheet(actor, user) };

    private static AccessSet Stored(HeshUser user, Platform platform) => platform == Platform.Web ? user.WebAccess : user.MobileAccess;

    private static void SetStored(HeshUser user, Platform platform, AccessSet access)
    {
        if (platform == Platform.Web)
        {
            user.WebAccess = access;
        }
        else
        {
            user.MobileAccess = access;
        }
    }

    private static PermissionSheet Sheet(Actor actor, HeshUser user)
    {
        var member = Member.Of(user);
        PlatformSheet For(Platform platform)
        {
            var effective = Actor.Effective(user.IsAdmin, Stored(user, platform), platform);
            var toggles = PermissionCatalog.All
                .Select(p => new PermissionToggle(p, effective.Has(p.Key), GrantRules.LockOf(actor, member, platform, p.Key, effective.Has(p.Key))))
                .ToList();
            var scopeLock = GrantRules.CheckTaskScope(actor, member, platform, effective.TaskScope);
            var allowed = Enum.GetValues<TaskScope>().Where(s => GrantRules.CheckTaskScope(actor, member, platform, s) is null).ToList();
            // Locked only when the actor may not edit this user at all: a holder may narrow a wider scope to one they may give.
            var usersScopeLock = GrantRules.CheckEditor(actor, member);
            var allowedUsers = Enum.GetValues<UserScope>().Where(s => GrantRules.CheckUsersScope(actor, member, platform, s) is null).ToList();
            return new PlatformSheet(platform, toggles, effective.TaskScope, scopeLock, allowed, effective.EffectiveUsersScope, usersScopeLock, allowedUsers);
        }
        var adminLock = GrantRules.CheckAdmin(actor, member, !user.IsAdmin);
        return new PermissionSheet(user.Id, user.FullName, user.IsAdmin, user.IsOwner, user.Status, user.AccessVersion,
            adminLock, For(Platform.Web), For(Platform.Mobile));
    }
}
