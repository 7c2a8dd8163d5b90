using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users;

/// <summary>One switch of the sheet; <paramref name="Why"/> says, for one that is on, where it came from and until when.</summary>
public sealed record PermissionToggle(Permission Permission, bool On, Refusal? Lock, GrantWhy? Why = null);

/// <param name="UsersScope">The reach of "Users permissions" (All users when it is off); <paramref name="UsersScopeLock"/> why it
/// cannot be changed, <paramref name="AllowedUsersScopes"/> which scopes this actor may give.</param>
public sealed record PlatformSheet(Platform Platform, IReadOnlyList<PermissionToggle> Toggles, TaskScope TaskScope,
    Refusal? TaskScopeLock, IReadOnlyList<TaskScope> AllowedScopes, UserScope UsersScope = UserScope.AllUsers,
    Refusal? UsersScopeLock = null, IReadOnlyList<UserScope>? AllowedUsersScopes = null)
{
    /// <summary>Where the task edit level came from and, for a temporary one, when it falls back.</summary>
    public GrantWhy? TaskScopeWhy { get; init; }
}

/// <summary>Everything the Permissions tab shows, with each lock's reason decided here, not in the component.</summary>
public sealed record PermissionSheet(string UserId, string FullName, bool IsAdmin, bool IsOwner, UserStatus Status, int Version,
    Refusal? AdminLock, PlatformSheet Web, PlatformSheet Mobile)
{
    public PlatformSheet For(Platform platform) => platform == Platform.Web ? Web : Mobile;

    /// <summary>The user's temporary grants, soonest end first: the tab lists them at the top.</summary>
    public IReadOnlyList<TemporaryGrant> Temporary { get; init; } = [];
}

/// <summary>
/// Changes of a user's permissions and admin rights. Each call loads the actor from the store, checks
/// <see cref="GrantRules"/>, refuses a change made on a stale version, and writes the audit entry in the same commit.
/// </summary>
public sealed class UserPermissionService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock,
    GrantSources sources, ILogger<UserPermissionService> logger)
{
    public async Task<PermissionSheet?> GetAsync(string actorId, string userId, CancellationToken ct = default)
    {
        return await actors.LoadVisibleTargetAsync(actorId, userId, ct: ct) is (var actor, var user) ? await SheetAsync(actor, user, ct) : null;
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

    private Task<Result<PermissionSheet>> ChangeAsync(string actorId, string userId, int version, CancellationToken ct,
        Func<Actor, HeshUser, Refusal?> change) =>
        ChangeAsync(actorId, userId, version, (actor, user) => Task.FromResult(change(actor, user)),
            actor => GrantOrigin.By(actor, GrantSource.Toggle, Now), ct);

    /// <summary>
    /// Each change records its audit entry with the announcement open tabs receive once it commits, and its grant
    /// sources (<see cref="GrantLedger"/>, from <paramref name="origin"/>) in the same commit. Temporary access
    /// (<see cref="TemporaryAccessService"/>) goes through here too, so the version, refusal and retry rules are one.
    /// </summary>
    internal async Task<Result<PermissionSheet>> ChangeAsync(string actorId, string userId, int version,
        Func<Actor, HeshUser, Task<Refusal?>> change, Func<Actor, GrantOrigin> origin, CancellationToken ct)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result<PermissionSheet>.From(Result.NotFound);
        }
        if (user.AccessVersion != version)
        {
            return await RefusedAsync(Refusal.Stale, actor, user, ct);
        }
        var before = AccessPair.Of(user);
        var refusal = await change(actor, user);
        if (refusal is not null)
        {
            logger.LogInformation("Permission change on {UserId} by {ActorId} refused: {Refusal}", user.Id, actor.Id, refusal.Code);
            return await RefusedAsync(refusal, actor, user, ct);
        }
        await GrantLedger.RecordAsync(db, user, before, AccessPair.Of(user), origin(actor), ct);
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
            return await RefusedAsync(Refusal.Stale, actor, fresh, ct);
        }
        logger.LogInformation("Permissions of {UserId} changed by {ActorId} (version {Version})", user.Id, actor.Id, user.AccessVersion);
        return Result<PermissionSheet>.Success(await SheetAsync(actor, user, ct));
    }

    /// <summary>Every change decides its refusal before it touches the user, so the sheet shows the stored state.</summary>
    private async Task<Result<PermissionSheet>> RefusedAsync(Refusal refusal, Actor actor, HeshUser user, CancellationToken ct) =>
        new() { Error = refusal.Message, Value = await SheetAsync(actor, user, ct) };

    private static AccessSet Stored(HeshUser user, Platform platform) => user.StoredAccess(platform);

    private static void SetStored(HeshUser user, Platform platform, AccessSet access) => user.SetStoredAccess(platform, access);

    private async Task<PermissionSheet> SheetAsync(Actor actor, HeshUser user, CancellationToken ct)
    {
        var why = await sources.ForAsync(user, actor.Id, ct);
        var sheet = Sheet(actor, user, why);
        return sheet with { Temporary = GrantSources.TemporaryOf(why) };
    }

    private static PermissionSheet Sheet(Actor actor, HeshUser user, GrantExplanations why)
    {
        var member = Member.Of(user);
        PlatformSheet For(Platform platform)
        {
            var effective = Actor.Effective(user.IsAdmin, Stored(user, platform), platform);
            var toggles = PermissionCatalog.All
                .Select(p => new PermissionToggle(p, effective.Has(p.Key), GrantRules.LockOf(actor, member, platform, p.Key, effective.Has(p.Key)),
                    user.IsAdmin || !effective.Has(p.Key) ? null : why.Of(platform, p.Key)))
                .ToList();
            var scopeLock = GrantRules.CheckTaskScope(actor, member, platform, effective.TaskScope);
            var allowed = Enum.GetValues<TaskScope>().Where(s => GrantRules.CheckTaskScope(actor, member, platform, s) is null).ToList();
            // Locked only when the actor may not edit this user at all: a holder may narrow a wider scope to one they may give.
            var usersScopeLock = GrantRules.CheckEditor(actor, member);
            var allowedUsers = Enum.GetValues<UserScope>().Where(s => GrantRules.CheckUsersScope(actor, member, platform, s) is null).ToList();
            return new PlatformSheet(platform, toggles, effective.TaskScope, scopeLock, allowed, effective.EffectiveUsersScope, usersScopeLock, allowedUsers)
            {
                TaskScopeWhy = user.IsAdmin || effective.TaskScope == TaskScope.NoAccess ? null : why.Of(platform, PermissionKey.TaskEditLevel),
            };
        }
        var adminLock = GrantRules.CheckAdmin(actor, member, !user.IsAdmin);
        return new PermissionSheet(user.Id, user.FullName, user.IsAdmin, user.IsOwner, user.Status, user.AccessVersion,
            adminLock, For(Platform.Web), For(Platform.Mobile));
    }
}
