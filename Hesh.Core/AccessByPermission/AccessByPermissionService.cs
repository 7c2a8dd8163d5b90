using Hesh.Core.Common;
using Hesh.Core.Data;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;
using Hesh.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Core.AccessByPermission;

/// <summary>One entry of the "Who has this?" picker: a permission on one platform, or one task edit level.</summary>
public sealed record PermissionChoice(Platform Platform, PermissionKey Key, TaskScope? Level = null)
{
    public string Title => Level is { } level ? $"{PermissionCatalog.Get(Key).Title}: {level.Title()}" : PermissionCatalog.Get(Key).Title;

    /// <summary>A short stable form for addresses and the export ("Web.Analytics", "Mobile.TaskEditLevel.Department").</summary>
    public string Slug => Level is { } level ? $"{Platform}.{Key}.{level}" : $"{Platform}.{Key}";

    public static PermissionChoice? Parse(string? slug)
    {
        var parts = (slug ?? "").Split('.');
        if (parts.Length is < 2 or > 3 || !Enum.TryParse<Platform>(parts[0], out var platform) || !Enum.IsDefined(platform)
            || !Enum.TryParse<PermissionKey>(parts[1], out var key) || !Enum.IsDefined(key) || parts.Any(p => int.TryParse(p, out _)))
        {
            return null;
        }
        var isLevel = PermissionCatalog.Get(key).IsLevel;
        if (parts.Length == 2)
        {
            return isLevel ? null : new PermissionChoice(platform, key);
        }
        return isLevel && Enum.TryParse<TaskScope>(parts[2], out var level) && Enum.IsDefined(level) && level > TaskScope.NoAccess
            ? new PermissionChoice(platform, key, level) : null;
    }

    /// <summary>Every permission of the catalogue on both platforms; the task edit level once per level above No access.</summary>
    public static IReadOnlyList<PermissionChoice> All { get; } = Enum.GetValues<Platform>()
        .SelectMany(platform => PermissionCatalog.All.SelectMany(p => p.IsLevel
            ? Enum.GetValues<TaskScope>().Where(l => l > TaskScope.NoAccess).Select(l => new PermissionChoice(platform, p.Key, l))
            : [new PermissionChoice(platform, p.Key)]))
        .ToList();

    /// <summary>Whether an effective set holds this choice: the key, or exactly this task edit level.</summary>
    public bool HeldIn(AccessSet effective) => Level is { } level ? effective.TaskScope == level : effective.Has(Key);
}

public sealed record AccessHoldersQuery(PermissionChoice Permission, Guid? DepartmentId = null);

/// <summary>
/// One holder of a permission. <see cref="Source"/> says where it came from ("from the Welder template", "—" when no
/// record explains it); <see cref="EndsAt"/> is set for temporary grants. <see cref="CanRevoke"/> is decided here:
/// the page offers "Revoke" only for rows the actor could switch off by hand.
/// </summary>
public sealed record AccessHolder(string UserId, string FullName, string Email, string? Department, UserStatus Status, bool IsAdmin,
    string Source, string? GrantedBy, DateTime? GrantedAt, DateTime? EndsAt, int Version, bool CanRevoke);

public sealed record DepartmentOption(Guid Id, string Path);

/// <summary>
/// "Who has this?" (issue 15 §5): for one permission (or task edit level) the users who hold it, with where each got
/// it from. For admins, and for holders of "Users permissions" within their users scope — the same reach as the
/// Users list, filtered in the query — so the page and its export never show a user the actor could not open.
/// </summary>
public sealed class AccessByPermissionService(HeshDbContext db, CurrentActorLoader actors, ViewerPreferenceQuery preferences)
{
    /// <summary>Users listed at most; the page says when there are more and the filter narrows them.</summary>
    public const int MaxRows = 2000;

    public async Task<Result<IReadOnlyList<AccessHolder>>> HoldersAsync(string actorId, AccessHoldersQuery query, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !UserAccess.CanListUsers(actor))
        {
            return Result<IReadOnlyList<AccessHolder>>.From(Result.Fail(Messages.Say("Only administrators and holders of \"Users permissions\" can see who holds a permission.")));
        }
        var departments = await db.Departments.AsNoTracking().Where(d => d.CompanyId == actor.CompanyId)
            .Select(d => new { d.Id, d.Name, d.ParentId }).ToListAsync(ct);
        var users = UserQueries.InReach(db.Users.AsNoTracking().Where(u => u.CompanyId == actor.CompanyId), actor);
        if (query.DepartmentId is { } department)
        {
            // The department and its sub-departments, as the tree is now.
            var tree = departments.Where(d => d.ParentId != null).ToLookup(d => d.ParentId!.Value, d => d.Id);
            var within = UserReach.Of(UserScope.DepartmentAndSubDepartments, department, id => tree[id]).Departments.ToList();
            users = users.Where(u => u.DepartmentId != null && within.Contains(u.DepartmentId.Value));
        }
        var rows = await users.OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, u.DepartmentId, u.Status, u.IsAdmin, u.IsOwner, u.WebAccess, u.MobileAccess, u.AccessVersion })
            .ToListAsync(ct);
        var choice = query.Permission;
        var holders = rows.Where(u => choice.HeldIn(Actor.Effective(u.IsAdmin, choice.Platform == Platform.Web ? u.WebAccess : u.MobileAccess, choice.Platform)))
            .Take(MaxRows).ToList();
        var ids = holders.Select(h => h.Id).ToList();
        var grants = (await db.PermissionGrants.AsNoTracking()
                .Where(g => g.CompanyId == actor.CompanyId && g.Platform == choice.Platform && g.Key == choice.Key && ids.Contains(g.UserId))
                .ToListAsync(ct))
            .GroupBy(g => g.UserId).ToDictionary(g => g.Key, g => g.First());
        var names = departments.ToDictionary(d => d.Id, d => d.Name);
        // The sources are read by the actor, on the page and in its export: their dates and ends on the actor's clock.
        var zone = (await preferences.ZonesAsync(actor.Id, ct)).Zone;
        var alwaysOn = PermissionCatalog.Get(choice.Key).IsAlwaysOn(choice.Platform);
        return Result<IReadOnlyList<AccessHolder>>.Success(holders.Select(u =>
        {
            var member = new Member(u.Id, u.IsAdmin, u.IsOwner, u.Status, u.DepartmentId);
            var grant = grants.GetValueOrDefault(u.Id);
            var source = u.IsAdmin ? Messages.Say("Administrator (holds every permission)") : alwaysOn ? Messages.Say("Everyone has this") : SourceOf(grant, zone);
            var canRevoke = !alwaysOn && GrantRules.CheckToggle(actor, member, choice.Platform, choice.Key, false) is null;
            return new AccessHolder(u.Id, $"{u.FirstName} {u.LastName}".Trim(), u.Email ?? "", u.DepartmentId is { } d ? names.GetValueOrDefault(d) : null,
                u.Status, u.IsAdmin, source, u.IsAdmin ? null : grant?.GrantedByName, u.IsAdmin ? null : grant?.GrantedAt,
                u.IsAdmin ? null : grant?.EndsAt, u.AccessVersion, canRevoke);
        }).ToList());
    }

    /// <summary>The departments the filter offers: within the actor's users scope, as paths ("Assembly › Welding").</summary>
    public async Task<IReadOnlyList<DepartmentOption>> DepartmentsAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !UserAccess.CanListUsers(actor))
        {
            return [];
        }
        var all = await db.Departments.AsNoTracking().Where(d => d.CompanyId == actor.CompanyId).Select(d => new { d.Id, d.Name, d.ParentId }).ToListAsync(ct);
        var byId = all.ToDictionary(d => d.Id);
        string PathOf(Guid id)
        {
            var names = new List<string>();
            for (Guid? at = id; at is { } current && byId.TryGetValue(current, out var node) && names.Count <= all.Count; at = node.ParentId)
            {
                names.Insert(0, node.Name);
            }
            return string.Join(" › ", names);
        }
        var reach = actor.UsersReach;
        return all.Where(d => reach.Includes(d.Id)).Select(d => new DepartmentOption(d.Id, PathOf(d.Id)))
            .OrderBy(d => d.Path, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>
    /// The holder's source in words, from the grant record; "—" when the key is held without one. Its day and a
    /// temporary end are on the reader's clock (<paramref name="zone"/>), the end with the zone named.
    /// </summary>
    public static string SourceOf(PermissionGrant? grant, TimeZoneInfo zone)
    {
        if (grant is null)
        {
            return "—";
        }
        var on = ZonedTime.ToLocal(grant.GrantedAt, zone);
        var text = grant.Source switch
        {
            GrantSource.Template => Messages.Say("from the {0} template", grant.SourceName),
            GrantSource.Copy => Messages.Say("copied from {0}", grant.SourceName),
            GrantSource.Bulk => Messages.Say("bulk change by {0} on {1:d MMM yyyy}", grant.GrantedByName, on),
            GrantSource.Request => Messages.Say("approved request ({0}, {1:d MMM yyyy})", grant.GrantedByName, on),
            GrantSource.Ownership => Messages.Say("ownership transfer"),
            _ => Messages.Say("granted by {0} on {1:d MMM yyyy}", grant.GrantedByName, on),
        };
        return grant.EndsAt is { } end
            ? Messages.Say("{0} · temporary until {1:d MMM yyyy HH:mm} {2}", text, ZonedTime.ToLocal(end, zone), ZonedTime.ShortName(zone, end))
            : text;
    }

    /// <summary>The holders as CSV, their times on the reader's clock (<paramref name="zone"/>, named in the headers).</summary>
    public static string Csv(PermissionChoice choice, IEnumerable<AccessHolder> rows, TimeZoneInfo zone) => Common.Csv.Write(
        [Messages.Say("Permission"), Messages.Say("Platform"), Messages.Say("Name"), Messages.Say("Email"), Messages.Say("Department"), Messages.Say("Status"),
            Messages.Say("Source"), Messages.Say("Granted by"), Messages.Say("Granted at ({0})", TimeZones.IdOf(zone)), Messages.Say("Ends at ({0})", TimeZones.IdOf(zone))],
        rows.Select(r => new[]
        {
            choice.Title, choice.Platform.ToString(), r.FullName, r.Email, r.Department, r.Status.ToString(), r.Source, r.GrantedBy,
            Local(r.GrantedAt, zone), Local(r.EndsAt, zone),
        }));

    private static string? Local(DateTime? utc, TimeZoneInfo zone) =>
        utc is { } at ? ZonedTime.ToLocal(at, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null;
}

public static class AccessByPermissionServiceCollectionExtensions
{
    public static IServiceCollection AddHeshAccessByPermission(this IServiceCollection services) =>
        services.AddScoped<AccessByPermissionService>();
}
