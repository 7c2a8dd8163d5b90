using System.Globalization;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;
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
/// recorded); else a default everyone has, or "since before sources were recorded". Days and ends are worded on the
/// reader's clock: the explanations are read by whoever opens the sheet, not by the user they explain.
/// </summary>
public sealed class GrantSources(HeshDbContext db, TimeProvider clock, ViewerPreferenceQuery preferences)
{
    /// <summary>How many of the user's latest permission entries the fallback reads; older grants read "since before…".</summary>
    public const int HistoryDepth = 200;

    public static string Default => Messages.Say("a default for everyone");
    public static string BeforeSources => Messages.Say("since before sources were recorded");

    private static readonly AuditAction[] Giving = [AuditAction.PermissionGranted, AuditAction.PermissionsApplied, AuditAction.TaskEditLevelChanged];

    /// <summary><paramref name="user"/>'s explanations, worded for <paramref name="readerId"/> (their zone).</summary>
    public async Task<GrantExplanations> ForAsync(HeshUser user, string readerId, CancellationToken ct = default)
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
        var zone = (await preferences.ZonesAsync(readerId, ct)).Zone;
        return Explain(user, rows, history, clock.GetUtcNow().UtcDateTime, zone);
    }

    /// <summary>
    /// The explanations of a user's held permissions from their rows and history (newest first), their days and ends on
    /// <paramref name="zone"/>'s clock. Pure.
    /// </summary>
    public static GrantExplanations Explain(HeshUser user, IReadOnlyList<PermissionGrant> rows, IReadOnlyList<AuditEntry> history, DateTime now, TimeZoneInfo zone)
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
                    why[(platform, permission.Key)] = FromRow(row, now, zone);
                    if (row.EndsAt is { } end)
                    {
                        temporary.Add(new TemporaryGrant(platform, permission.Key, permission.Title, row.Level, row.RevertTo, end, row.GrantedByName));
                    }
                }
                else
                {
                    why[(platform, permission.Key)] = new GrantWhy(IsDefault(platform, permission.Key, set) ? Default
                        : FromHistory(platform, permission, history, zone) ?? BeforeSources);
                }
            }
        }
        return new GrantExplanations(why, temporary.OrderBy(t => t.EndsAt).ThenBy(t => t.Title).ToList());
    }

    public static IReadOnlyList<TemporaryGrant> TemporaryOf(GrantExplanations why) => why.Temporary;

    public static GrantWhy FromRow(PermissionGrant row, DateTime now, TimeZoneInfo zone)
    {
        var on = Day(row.GrantedAt, zone);
        var source = row.Source switch
        {
            GrantSource.Template => Messages.Say("from the {0} template", row.SourceName),
            GrantSource.Copy => Messages.Say("copied from {0}", row.SourceName),
            GrantSource.Bulk => Messages.Say("granted by {0} in a bulk change on {1}", row.GrantedByName, on),
            GrantSource.Request => Messages.Say("approved request (by {0} on {1})", row.GrantedByName, on),
            GrantSource.Ownership => Messages.Say("came with the company ownership"),
            _ => Messages.Say("granted by {0} on {1}", row.GrantedByName, on),
        };
        return row.EndsAt is { } end
            ? new GrantWhy(Messages.Say("temporary until {0} — {1}",
                $"{TemporaryGrantRules.When(ZonedTime.ToLocal(now, zone), ZonedTime.ToLocal(end, zone))} {ZonedTime.ShortName(zone, end)}", source), row.Source, end)
            : new GrantWhy(source, row.Source);
    }

    /// <summary>Always-on keys, and the defaults of a new user nobody has touched since (no history needed to say so).</summary>
    private static bool IsDefault(Platform platform, PermissionKey key, AccessSet set) =>
        PermissionCatalog.Get(key).IsAlwaysOn(platform) || (PermissionCatalog.Get(key).DefaultOn.HasFlag(platform.AsFlag()) && !PermissionCatalog.Get(key).IsLevel);

    private static string? FromHistory(Platform platform, Permission permission, IReadOnlyList<AuditEntry> history, TimeZoneInfo zone)
    {
        foreach (var entry in history)
        {
            var on = Day(entry.At, zone);
            if (permission.IsLevel)
            {
                if (entry.Action == AuditAction.TaskEditLevelChanged && entry.What == $"{platform.Title()} · Task edit level")
                {
                    return Messages.Say("set by {0} on {1}", entry.ActorName, on);
                }
                continue;
            }
            if (entry.Action == AuditAction.TaskEditLevelChanged || !Gained(entry, platform, permission.Title))
            {
                continue;
            }
            if (entry.Action == AuditAction.PermissionGranted)
            {
                return Messages.Say("granted by {0} on {1}", entry.ActorName, on);
            }
            return entry.Source switch
            {
                ChangeSource.Template when Between(entry.What, "Template of ", " applied") is { } position => Messages.Say("from the {0} template", position),
                ChangeSource.Copy when Between(entry.What, "Copied from ", " (") is { } name => Messages.Say("copied from {0}", name),
                ChangeSource.Bulk => Messages.Say("granted by {0} in a bulk change on {1}", entry.ActorName, on),
                _ => Messages.Say("granted by {0} on {1} ({2})", entry.ActorName, on, entry.What),
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

    private static string Day(DateTime at, TimeZoneInfo zone) => ZonedTime.ToLocal(at, zone).ToString("d MMM", CultureInfo.CurrentCulture);
}
