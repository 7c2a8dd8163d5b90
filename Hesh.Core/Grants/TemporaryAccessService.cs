using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Core.Grants;

/// <summary>
/// Access "until …" from the Permissions tab: a switch or the task edit level granted for a while, extended, or ended
/// early. The same rules as a toggle (<see cref="GrantRules"/>: no escalation, not oneself, not an administrator), the
/// end checked by <see cref="TemporaryGrantRules"/>, the version checked, and each change audited and announced through
/// <see cref="UserPermissionService"/>'s one write path. <see cref="GrantExpiry"/> ends what is due.
/// </summary>
public sealed class TemporaryAccessService(UserPermissionService permissions, HeshDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static Refusal Unknown => new(nameof(Unknown), Messages.Say("This permission does not exist."));

    /// <summary>A crafted call may carry any number; it gets a clear refusal, not an exception.</summary>
    private static bool Known(Platform platform, PermissionKey key) =>
        Enum.IsDefined(platform) && PermissionCatalog.All.Any(p => p.Key == key);

    /// <summary>Switches <paramref name="key"/> on until <paramref name="endsAt"/> (UTC).</summary>
    public Task<Result<PermissionSheet>> GrantUntilAsync(string actorId, string userId, Platform platform, PermissionKey key, DateTime endsAt,
        int version, CancellationToken ct = default)
    {
        endsAt = Utc(endsAt);
        return permissions.ChangeAsync(actorId, userId, version, async (actor, user) =>
        {
            if (!Known(platform, key))
            {
                return Unknown;
            }
            var permission = PermissionCatalog.Get(key);
            if (permission.IsLevel)
            {
                return TemporaryGrantRules.NothingToGrant;
            }
            var refusal = GrantRules.CheckToggle(actor, Member.Of(user), platform, key, true)
                ?? (permission.IsAlwaysOn(platform) ? Refusal.AlwaysOn : null)
                ?? TemporaryGrantRules.CheckEnd(Now, endsAt)
                ?? (Stored(user, platform).Has(key) ? await HeldRefusalAsync(user, platform, key, ct) : null);
            if (refusal is not null)
            {
                return refusal;
            }
            var before = Stored(user, platform);
            var after = before.With(key, true);
            SetStored(user, platform, after);
            AuditLog.Record(db, Now, actor, user, AuditAction.PermissionGranted,
                $"{platform.Title()} · {permission.Title} until {Stamp(endsAt)}", before.Describe(), after.Describe(), ChangeSource.Toggle)
                .Announce(AccessChangeKind.Permissions, $"{permission.Title} ({platform.Title().ToLowerInvariant()}) switched on until {Stamp(endsAt)}");
            return null;
        }, actor => GrantOrigin.By(actor, GrantSource.Toggle, Now, endsAt: endsAt), ct);
    }

    /// <summary>Raises the task edit level to <paramref name="level"/> until <paramref name="endsAt"/>; then it falls back.</summary>
    public Task<Result<PermissionSheet>> GrantLevelUntilAsync(string actorId, string userId, Platform platform, TaskScope level, DateTime endsAt,
        int version, CancellationToken ct = default)
    {
        endsAt = Utc(endsAt);
        return permissions.ChangeAsync(actorId, userId, version, (actor, user) =>
        {
            if (!Known(platform, PermissionKey.TaskEditLevel) || !Enum.IsDefined(level))
            {
                return Task.FromResult<Refusal?>(Unknown);
            }
            var before = Stored(user, platform);
            var refusal = GrantRules.CheckTaskScope(actor, Member.Of(user), platform, level)
                ?? (level <= before.TaskScope ? TemporaryGrantRules.NothingToGrant : null)
                ?? TemporaryGrantRules.CheckEnd(Now, endsAt);
            if (refusal is not null)
            {
                return Task.FromResult<Refusal?>(refusal);
            }
            var after = before.WithScope(level);
            SetStored(user, platform, after);
            AuditLog.Record(db, Now, actor, user, AuditAction.TaskEditLevelChanged, $"{platform.Title()} · Task edit level until {Stamp(endsAt)}",
                before.TaskScope.Title(), after.TaskScope.Title(), ChangeSource.Toggle)
                .Announce(AccessChangeKind.Permissions, $"Task edit level ({platform.Title().ToLowerInvariant()}) set to {level.Title()} until {Stamp(endsAt)}");
            return Task.FromResult<Refusal?>(null);
        }, actor => GrantOrigin.By(actor, GrantSource.Toggle, Now, endsAt: endsAt), ct);
    }

    /// <summary>Moves a temporary grant's end (later or sooner, within the same limits as a new grant).</summary>
    public Task<Result<PermissionSheet>> ExtendAsync(string actorId, string userId, Platform platform, PermissionKey key, DateTime endsAt,
        int version, CancellationToken ct = default)
    {
        endsAt = Utc(endsAt);
        return permissions.ChangeAsync(actorId, userId, version, async (actor, user) =>
        {
            if (!Known(platform, key))
            {
                return Unknown;
            }
            var row = await TemporaryRowAsync(user, platform, key, ct);
            var refusal = (row is null ? TemporaryGrantRules.NotTemporary : null)
                ?? (key == PermissionKey.TaskEditLevel
                    ? GrantRules.CheckTaskScope(actor, Member.Of(user), platform, Stored(user, platform).TaskScope)
                    : GrantRules.CheckToggle(actor, Member.Of(user), platform, key, true))
                ?? TemporaryGrantRules.CheckEnd(Now, endsAt);
            if (refusal is not null)
            {
                return refusal;
            }
            var was = row!.EndsAt!.Value;
            foreach (var companion in await CompanionsAsync(user, row, ct))
            {
                companion.EndsAt = endsAt;
            }
            row.EndsAt = endsAt;
            var title = PermissionCatalog.Get(key).Title;
            AuditLog.Record(db, Now, actor, user, AuditAction.TemporaryAccessChanged, $"{platform.Title()} · {title}: end moved",
                $"until {Stamp(was)}", $"until {Stamp(endsAt)}", ChangeSource.Toggle)
                .Announce(AccessChangeKind.Permissions, $"Your temporary access to {title} now ends at {Stamp(endsAt)}");
            return null;
        }, actor => GrantOrigin.By(actor, GrantSource.Toggle, Now), ct);
    }

    /// <summary>Ends a temporary grant now, as its end would: the key goes off, a temporary level falls back.</summary>
    public Task<Result<PermissionSheet>> EndNowAsync(string actorId, string userId, Platform platform, PermissionKey key, int version,
        CancellationToken ct = default) =>
        permissions.ChangeAsync(actorId, userId, version, async (actor, user) =>
        {
            if (!Known(platform, key))
            {
                return Unknown;
            }
            var row = await TemporaryRowAsync(user, platform, key, ct);
            var refusal = (row is null ? TemporaryGrantRules.NotTemporary : null)
                ?? (key == PermissionKey.TaskEditLevel
                    ? GrantRules.CheckTaskScope(actor, Member.Of(user), platform, row!.RevertTo ?? TaskScope.NoAccess)
                    : GrantRules.CheckToggle(actor, Member.Of(user), platform, key, false));
            if (refusal is not null)
            {
                return refusal;
            }
            var rows = (await CompanionsAsync(user, row!, ct)).Prepend(row!).ToList();
            var before = Stored(user, platform);
            var after = rows.Aggregate(before, Ended);
            SetStored(user, platform, after);
            var title = PermissionCatalog.Get(key).Title;
            AuditLog.Record(db, Now, actor, user, AuditAction.TemporaryAccessChanged, $"{platform.Title()} · {title}: ended early",
                before.Describe(), after.Describe(), ChangeSource.Toggle)
                .Announce(AccessChangeKind.Permissions, $"Your temporary access to {title} was ended early");
            db.PermissionGrants.RemoveRange(rows);
            return null;
        }, actor => GrantOrigin.By(actor, GrantSource.Toggle, Now), ct);

    /// <summary>What a set is once a temporary grant ends: the key off, or the level back where it was (if still the one granted).</summary>
    public static AccessSet Ended(AccessSet set, PermissionGrant row) =>
        row.Key != PermissionKey.TaskEditLevel ? set.With(row.Key, false)
        : set.TaskScope == row.Level ? set.WithScope(row.RevertTo ?? TaskScope.NoAccess)
        : set;

    /// <summary>
    /// The rows that came with a temporary grant because it implies them (Productions view with Productions edit, Tasks
    /// view with a level): same grant, same end — they move and end with it.
    /// </summary>
    private async Task<List<PermissionGrant>> CompanionsAsync(HeshUser user, PermissionGrant row, CancellationToken ct)
    {
        var implied = row.Key == PermissionKey.TaskEditLevel ? [PermissionKey.TasksView] : AccessSet.Empty.With(row.Key, true).Keys.Remove(row.Key).ToList();
        if (implied.Count == 0)
        {
            return [];
        }
        return await db.PermissionGrants.Where(g => g.UserId == user.Id && g.Platform == row.Platform && implied.Contains(g.Key)
            && g.EndsAt == row.EndsAt && g.GrantedAt == row.GrantedAt).ToListAsync(ct);
    }

    private Task<PermissionGrant?> TemporaryRowAsync(HeshUser user, Platform platform, PermissionKey key, CancellationToken ct) =>
        db.PermissionGrants.SingleOrDefaultAsync(g => g.UserId == user.Id && g.CompanyId == user.CompanyId && g.Platform == platform && g.Key == key
            && g.EndsAt != null, ct);

    private async Task<Refusal> HeldRefusalAsync(HeshUser user, Platform platform, PermissionKey key, CancellationToken ct) =>
        await TemporaryRowAsync(user, platform, key, ct) is null ? TemporaryGrantRules.AlreadyHeld
            : new Refusal("AlreadyTemporary", Messages.Say("This is already granted for a while; use Extend to move its end."));

    /// <summary>
    /// "18:00 UTC on 3 Dec 2026": the audit entry and the user's notice name the end without ambiguity; the notice's
    /// reader sees it on their own clock (<see cref="LiveTimes"/>).
    /// </summary>
    public static string Stamp(DateTime at) => LiveTimes.Write(at);

    private static DateTime Utc(DateTime at) => at.Kind switch
    {
        DateTimeKind.Utc => at,
        DateTimeKind.Local => at.ToUniversalTime(),
        _ => DateTime.SpecifyKind(at, DateTimeKind.Utc),
    };

    private static AccessSet Stored(HeshUser user, Platform platform) => user.StoredAccess(platform);

    private static void SetStored(HeshUser user, Platform platform, AccessSet access) => user.SetStoredAccess(platform, access);
}
