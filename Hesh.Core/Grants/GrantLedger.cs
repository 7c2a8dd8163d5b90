using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Core.Grants;

/// <summary>Who gave what the change switches on, when, through what — and, for temporary access, until when.</summary>
public sealed record GrantOrigin(GrantSource Source, string? ActorId, string ActorName, DateTime At, string? SourceName = null,
    DateTime? EndsAt = null, Guid? RequestId = null)
{
    public static GrantOrigin By(Actor actor, GrantSource source, DateTime at, string? sourceName = null, DateTime? endsAt = null) =>
        new(source, actor.Id, actor.Name, at, sourceName, endsAt);

    /// <summary>
    /// Per-key ends that override <see cref="EndsAt"/>: a copy gives each key the end it has at the source, so a copied
    /// temporary grant stays temporary with the same end while the source's permanent keys stay permanent.
    /// </summary>
    public IReadOnlyDictionary<(Platform Platform, PermissionKey Key), DateTime>? Ends { get; init; }

    public DateTime? EndOf(Platform platform, PermissionKey key) =>
        Ends is not null ? (Ends.TryGetValue((platform, key), out var end) ? end : EndsAt) : EndsAt;
}

/// <summary>
/// Keeps <see cref="PermissionGrant"/> rows in step with a change of a user's access, in the same unit of work: every
/// permission the change switches on (or whose task edit level it changes) gets its origin, every one it switches off
/// loses its row. Every write path that changes access calls <see cref="Record"/> with the before and after it saves.
/// </summary>
public static class GrantLedger
{
    public static async Task RecordAsync(HeshDbContext db, HeshUser user, AccessPair before, AccessPair after, GrantOrigin origin,
        CancellationToken ct = default)
    {
        var rows = await db.PermissionGrants.Where(g => g.UserId == user.Id).ToListAsync(ct);
        // Rows added earlier in this unit of work and not yet saved.
        rows.AddRange(db.ChangeTracker.Entries<PermissionGrant>()
            .Where(e => e.State == EntityState.Added && e.Entity.UserId == user.Id).Select(e => e.Entity).Where(g => !rows.Contains(g)));
        Record(db, user, before, after, origin, rows);
    }

    /// <summary>As <see cref="RecordAsync"/>, with the user's grant rows already loaded (tracked).</summary>
    public static void Record(HeshDbContext db, HeshUser user, AccessPair before, AccessPair after, GrantOrigin origin,
        IReadOnlyCollection<PermissionGrant> rows)
    {
        var (was, will) = (before.Normalized(), after.Normalized());
        var live = rows.ToList();
        foreach (var platform in Enum.GetValues<Platform>())
        {
            var (b, a) = (was.For(platform), will.For(platform));
            Update(db, user, b, a, platform, origin, live);
            LastAsLongAsChildren(a, platform, live);
        }
    }

    private static void Update(HeshDbContext db, HeshUser user, AccessSet b, AccessSet a, Platform platform, GrantOrigin origin, List<PermissionGrant> rows)
    {
        foreach (var permission in PermissionCatalog.All)
        {
            var key = permission.Key;
            var row = rows.FirstOrDefault(g => g.Platform == platform && g.Key == key);
            var (had, has) = (b.Has(key), a.Has(key));
            if (!has)
            {
                if (row is not null)
                {
                    db.PermissionGrants.Remove(row);
                    rows.Remove(row);
                }
                continue;
            }
            var levelChanged = permission.IsLevel && b.TaskScope != a.TaskScope;
            // A template applied makes its keys permanent: a temporary grant of a key it holds stops being temporary.
            var madePermanent = origin.Source == GrantSource.Template && row is { IsTemporary: true };
            if (had && !levelChanged && !madePermanent)
            {
                continue;
            }
            if (row is null)
            {
                row = new PermissionGrant { CompanyId = user.CompanyId, UserId = user.Id, Platform = platform, Key = key };
                db.PermissionGrants.Add(row);
                rows.Add(row);
            }
            var earlierRevert = row.IsTemporary ? row.RevertTo : null;
            row.Source = origin.Source;
            row.SourceName = Clip(origin.SourceName);
            row.GrantedById = origin.ActorId;
            row.GrantedByName = Clip(origin.ActorName) ?? "";
            row.GrantedAt = origin.At;
            var endsAt = origin.EndOf(platform, key);
            row.EndsAt = endsAt;
            row.RequestId = origin.RequestId;
            row.Level = permission.IsLevel ? a.TaskScope : null;
            // A temporary level falls back to what the user had before; a temporary level over a temporary one keeps the first fallback.
            row.RevertTo = permission.IsLevel && endsAt is not null ? earlierRevert ?? b.TaskScope : null;
        }
    }

    /// <summary>
    /// A permission implied by another (Productions view by Productions edit, Tasks view by a task edit level) lasts as
    /// long as the longest of what implies it: ending first would take the other along. A key held without a row counts
    /// as permanent.
    /// </summary>
    private static void LastAsLongAsChildren(AccessSet held, Platform platform, List<PermissionGrant> rows)
    {
        foreach (var permission in PermissionCatalog.All.Where(p => held.Has(p.Key)))
        {
            var end = rows.FirstOrDefault(r => r.Platform == platform && r.Key == permission.Key)?.EndsAt;
            var parents = permission.IsLevel ? AccessSet.Empty.With(PermissionKey.TasksView, true).Keys : AccessSet.Empty.With(permission.Key, true).Keys.Remove(permission.Key);
            foreach (var parent in rows.Where(r => r.Platform == platform && r.IsTemporary && parents.Contains(r.Key)))
            {
                parent.EndsAt = end is null || end > parent.EndsAt ? end : parent.EndsAt;
            }
        }
    }

    private static string? Clip(string? text) => text is { Length: > PermissionGrant.NameMaxLength } ? text[..PermissionGrant.NameMaxLength] : text;
}
