using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Common.Localization;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Grants;

/// <summary>
/// Ends temporary grants whose time has come: the key goes off (or the task edit level falls back, if it is still the
/// one granted) through the usual state — the user's access, its version, the grant rows, an audit entry by Hesh
/// itself and an announcement to the user's open tabs — one user per commit. Two nodes running it at once both read the
/// same due rows; the user's <see cref="HeshUser.AccessVersion"/> is the concurrency token, so only one commit wins and
/// the other finds nothing left to do.
/// </summary>
public sealed class GrantExpiry(HeshDbContext db, ILogger<GrantExpiry> logger, Hesh.Core.Common.Telemetry.HeshMetrics? metrics = null) : IExpiringWork
{
    /// <summary>The actor of an expiry in the audit log and in live notices: never a user's id.</summary>
    public const string ActorRef = "system:expiry";
    public const string ActorName = "Hesh";

    /// <summary>At most this many users a run; the rest are due on the next run a few seconds later.</summary>
    public const int BatchSize = 200;

    public async Task<int> RunDueAsync(DateTime now, CancellationToken ct = default)
    {
        var due = await db.PermissionGrants.AsNoTracking().Where(g => g.EndsAt != null && g.EndsAt <= now)
            .Select(g => g.UserId).Distinct().Take(BatchSize).ToListAsync(ct);
        var ended = 0;
        foreach (var userId in due)
        {
            try
            {
                ended += await EndDueAsync(userId, now, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone (another node's run, an admin) changed this user meanwhile: what is still due is due on the next run.
                logger.LogInformation("Expiry of temporary access of {UserId} met a concurrent change; retried on the next run", userId);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        metrics?.GrantsExpired(ended);
        return ended;
    }

    private async Task<int> EndDueAsync(string userId, DateTime now, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        var rows = await db.PermissionGrants.Where(g => g.UserId == userId).ToListAsync(ct);
        var due = rows.Where(g => g.EndsAt <= now).OrderBy(g => g.EndsAt).ToList();
        if (user is null || due.Count == 0)
        {
            return 0;
        }
        var before = AccessPair.Of(user);
        var after = before;
        foreach (var row in due)
        {
            after = after.With(row.Platform, TemporaryAccessService.Ended(after.For(row.Platform), row));
        }
        user.WebAccess = after.Web;
        user.MobileAccess = after.Mobile;
        GrantLedger.Record(db, user, before, after, new GrantOrigin(GrantSource.Toggle, ActorRef, ActorName, now), rows);
        // A level that fell back to one above No access keeps no row of the expired grant; its history explains it.
        foreach (var row in due.Where(r => db.Entry(r).State != EntityState.Deleted))
        {
            db.PermissionGrants.Remove(row);
        }
        var diff = AccessDiff.Between(before, after);
        var titles = due.Select(r => r.Key).Distinct().Where(k => diff.Lost.Any(l => l.Key == k)).Select(k => PermissionCatalog.Get(k).Title).ToList();
        if (titles.Count == 0)
        {
            titles = due.Select(r => PermissionCatalog.Get(r.Key).Title).Distinct().ToList();
        }
        if (!diff.IsEmpty)
        {
            user.AccessVersion++;
            AuditLog.RecordBy(db, now, user.CompanyId, ActorRef, ActorName, user.Id, user.FullName, AuditAction.PermissionExpired,
                    string.Join("; ", diff.Lost.Select(l => l.Text)), before.Describe(), after.Describe(), ChangeSource.Toggle)
                .Announce(AccessChangeKind.Permissions, Ended(titles));
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Temporary access of {UserId} ended: {Count} grant(s) due by {Now}", user.Id, due.Count, now);
        return due.Count;
    }

    /// <summary>
    /// "Your temporary access to Analytics and Tasks view ended": each title a value of its own, one format per shape
    /// of the list, so the reader gets the list in their language, not an English one.
    /// </summary>
    public static LiveSummary Ended(IReadOnlyList<string> titles)
    {
        if (titles.Count == 1)
        {
            return $"Your temporary access to {titles[0]} ended";
        }
        if (titles.Count == 2)
        {
            return $"Your temporary access to {titles[0]} and {titles[1]} ended";
        }
        if (titles.Count == 3)
        {
            return $"Your temporary access to {titles[0]}, {titles[1]} and {titles[2]} ended";
        }
        return $"Your temporary access to {titles[0]}, {titles[1]} and {titles.Count - 2} more ended";
    }

    /// <summary>
    /// What ran out, as a list in the reader's language ("Analytics and Tasks view" / "Аналітика і Перегляд завдань"),
    /// for a sentence of one's own about an expiry; a change that is no expiry's reads as its whole notice.
    /// </summary>
    public static string WhatEnded(AccessChanged change)
    {
        var values = change.Arguments?.Select(a => LiveWords.Word(a)).ToArray() ?? [];
        var list = (change.Format, values.Length) switch
        {
            ("Your temporary access to {0} ended", 1) => values[0],
            ("Your temporary access to {0} and {1} ended", 2) => Texts.Say("{0} and {1}", values),
            ("Your temporary access to {0}, {1} and {2} ended", 3) => Texts.Say("{0}, {1} and {2}", values),
            ("Your temporary access to {0}, {1} and {2} more ended", 3) => Texts.Say("{0}, {1} and {2} more", values),
            _ => null,
        };
        return list ?? change.Words();
    }

    private static Microsoft.Extensions.Localization.IStringLocalizer Texts => Hesh.Core.Email.FeatureTexts.Of("Live");
}
