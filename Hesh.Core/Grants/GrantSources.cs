using System.Globalization;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;

namespace Hesh.Core.Grants;

/// <summary>Why a user holds a permission, in words ("from the Welder template"), and when it ends if it is temporary.</summary>
public sealed record GrantWhy(string Text, GrantSource? Source = null, DateTime? EndsAt = null)
{
    public bool IsTemporary => EndsAt is not null;
}

/// <summary>A temporary grant as the top of the Permissions tab lists it.</summary>
public sealed record TemporaryGrant(Platform Platform, PermissionKey Key, string Title, TaskScope? Level, TaskScope? RevertTo,
    DateTime EndsAt, string GrantedBy)
{
    public string Text => Level is { } level ? $"{Title}: {level.Title()} ({Platform.Title().ToLowerInvariant()})" : $"{Title} ({Platform.Title().ToLowerInvariant()})";
}

/// <summary>Every held permission's explanation, by platform and key.</summary>
public sealed class GrantExplanations(IReadOnlyDictionary<(Platform, PermissionKey), GrantWhy> why, IReadOnlyList<TemporaryGrant> temporary)
{
    public static GrantExplanations None { get; } = new(new Dictionary<(Platform, PermissionKey), GrantWhy>(), []);

    public GrantWhy? Of(Platform platform, PermissionKey key) => why.GetValueOrDefault((platform, key));

    public IReadOnlyList<TemporaryGrant> Temporary => temporary;
}

/// <summary>
/// "Why does this person have this?" (issue 15 §4): each held permission explained from its <see cref="PermissionGrant"/>
/// row; for a key without a row, from the latest audit entry that gave it (the history already kept before sources were
/// recorded); else a default everyone has, or "since before sources were recorded". Times are UTC (time zones: issue 16).
/// </summary>
public sealed class GrantSources(HeshDbContext db, TimeProvider clock)
{
    /// <summary>How many of the user's latest permission entries the fallback reads; older grants read "since before…".</summary>
    public const int HistoryDepth = 200;

    public const string Default = "a default for everyone";
    public const string BeforeSources = "since before sources were recorded";

    private static readonly AuditAction[] Giving = [AuditAction.PermissionGranted, AuditAction.PermissionsApplied, AuditAction.TaskEditLevelChanged];

    public async Task<GrantExplanations> ForAsync(HeshUser user, CancellationToken ct = default)
    {
        if (user.IsAdmin)
        {
            return GrantExplanations.None;
        }
        var rows = await db.PermissionGrants.AsNoTracking().Where(g => g.UserId == user.Id).ToListAsync(ct);
        var pair = AccessPair.Of(user).Normalized();
        var needHistory = Enum.GetValues<Platform>().Any(p => PermissionCatalog.All.Any(k => pair.For(p).Has(k.Key)
            && !rows.Any(r => r.Platform == p && r.Key == k.Key) && !IsDefault(p, k.Key, pair.For(p))));
        var history = needHistory
            ? await db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == user.Id && e.CompanyId == user.CompanyId && Giving.Contains(e.Action))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(HistoryDepth).ToListAsync(ct)
            : [];
        return Explain(user, rows, history, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The explanations of a user's held permissions from their rows and history (newest first). Pure.</summary>
    public static GrantExplanations Explain(HeshUser user, IReadOnlyList<PermissionGrant> rows, IReadOnlyList<AuditEntry> history, DateTime now)
    {
        // An administrator holds everything because they are one; the tab says so once.
        if (user.IsAdmin)
        {
            return GrantExplanations.None;
        }
        var why = new Dictionary<(Platform, PermissionKey), GrantWhy>();
        var temporary = new List<TemporaryGrant>();
        var pair = AccessPair.Of(user).Normalized();
        foreach (var platform in Enum.GetValues<Platform>())
        {
            var set = pair.For(platform);
            foreach (var permission in PermissionCatalog.All.Where(p => set.Has(p.Key)))
            {
                var row = rows.FirstOrDefault(r => r.Platform == platform && r.Key == permission.Key);
                if (row is not null)
                {
                    why[(platform, permission.Key)] = FromRow(row, now);
                    if (row.EndsAt is { } end)
                    {
                        temporary.Add(new TemporaryGrant(platform, permission.Key, permission.Title, row.Level, row.RevertTo, end, row.GrantedByName));
                    }
                }
                else
                {
                    why[(platform, permission.Key)] = new GrantWhy(IsDefault(platform, permission.Key, set) ? Default
                        : FromHistory(platform, permission, history) ?? BeforeSources);
                }
            }
        }
        return new GrantExplanations(why, temporary.OrderBy(t => t.EndsAt).ThenBy(t => t.Title).ToList());
    }

    public static IReadOnlyList<TemporaryGrant> TemporaryOf(GrantExplanations why) => why.Temporary;

    public static GrantWhy FromRow(PermissionGrant row, DateTime now)
    {
        var on = Day(row.GrantedAt);
        var source = row.Source switch
        {
            GrantSource.Template => $"from the {row.SourceName} template",
            GrantSource.Copy => $"copied from {row.SourceName}",
            GrantSource.Bulk => $"granted by {row.GrantedByName} in a bulk change on {on}",
            GrantSource.Request => $"approved request (by {row.GrantedByName} on {on})",
            GrantSource.Ownership => "came with the company ownership",
            _ => $"granted by {row.GrantedByName} on {on}",
        };
        return row.EndsAt is { } end
            ? new GrantWhy($"temporary until {TemporaryGrantRules.When(now, end)} UTC — {source}", row.Source, end)
            : new GrantWhy(source, row.Source);
    }

    /// <summary>Always-on keys, and the defaults of a new user nobody has touched since (no history needed to say so).</summary>
    private static bool IsDefault(Platform platform, PermissionKey key, AccessSet set) =>
        PermissionCatalog.Get(key).IsAlwaysOn(platform) || (PermissionCatalog.Get(key).DefaultOn.HasFlag(platform.AsFlag()) && !PermissionCatalog.Get(key).IsLevel);

    private static string? FromHistory(Platform platform, Permission permission, IReadOnlyList<AuditEntry> history)
    {
        foreach (var entry in history)
        {
            var on = Day(entry.At);
            if (permission.IsLevel)
            {
                if (entry.Action == AuditAction.TaskEditLevelChanged && entry.What == $"{platform.Title()} · Task edit level")
                {
                    return $"set by {entry.ActorName} on {on}";
                }
                continue;
            }
            if (entry.Action == AuditAction.TaskEditLevelChanged || !Gained(entry, platform, permission.Title))
            {
                continue;
            }
            if (entry.Action == AuditAction.PermissionGranted)
            {
                return $"granted by {entry.ActorName} on {on}";
            }
            return entry.Source switch
            {
                ChangeSource.Template when Between(entry.What, "Template of ", " applied") is { } position => $"from the {position} template",
                ChangeSource.Copy when Between(entry.What, "Copied from ", " (") is { } name => $"copied from {name}",
                ChangeSource.Bulk => $"granted by {entry.ActorName} in a bulk change on {on}",
                _ => $"granted by {entry.ActorName} on {on} ({entry.What})",
            };
        }
        return null;
    }

    /// <summary>Whether the entry's before → after switched the permission on, on that platform.</summary>
    private static bool Gained(AuditEntry entry, Platform platform, string title)
    {
        var (before, after) = entry.Action == AuditAction.PermissionsApplied
            ? (Side(entry.Before, platform), Side(entry.After, platform))
            : entry.What.StartsWith(platform.Title(), StringComparison.Ordinal) ? (entry.Before, entry.After) : (null, null);
        return Titles(after).Contains(title) && !Titles(before).Contains(title);
    }

    /// <summary>One platform's part of a pair's description ("Web: … · Mobile: …").</summary>
    private static string? Side(string? pair, Platform platform)
    {
        if (pair is null)
        {
            return null;
        }
        var split = pair.Split(" · Mobile: ");
        return platform == Platform.Web ? split[0].StartsWith("Web: ", StringComparison.Ordinal) ? split[0][5..] : split[0]
            : split.Length > 1 ? split[1] : null;
    }

    private static HashSet<string> Titles(string? set) => set is null ? [] : set.Split(", ").Select(t => t.Trim()).ToHashSet();

    private static string? Between(string text, string start, string end)
    {
        if (!text.StartsWith(start, StringComparison.Ordinal))
        {
            return null;
        }
        var stop = text.IndexOf(end, start.Length, StringComparison.Ordinal);
        return stop > start.Length ? text[start.Length..stop] : null;
    }

    private static string Day(DateTime at) => at.ToString("d MMM", CultureInfo.InvariantCulture);
}
