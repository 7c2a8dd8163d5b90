using Hesh.Core.Permissions;
using System.Security.Cryptography;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Sessions;

/// <summary>
/// Server-side sessions: begun at sign-in, checked on every request and circuit revalidation, ended by sign-out or
/// from the Security tab. A session counts as open while it is not ended and the user's security stamp is the one it
/// began with (a password change or inactivation ends every session at once without touching the rows), it was used
/// within <see cref="IdleLimit"/>, and it began less than <see cref="MaxLifetime"/> ago.
/// </summary>
public sealed class SessionService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock,
    ILivePresence presence, ILogger<SessionService> logger)
{
    /// <summary>"Last seen" is written at most this often per session, so reads do not turn into writes.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>A session nobody used for this long is over (the sign-in cookie slides by the same span).</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(12);

    /// <summary>However busy, a session ends this long after its sign-in: the user signs in again (OWASP ASVS 3.3).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    // "Last seen" lags by up to one touch interval.
    private DateTime IdleSince => Now - IdleLimit - TouchInterval;

    private DateTime BegunSince => Now - MaxLifetime;

    /// <summary>Sessions not ended, used lately and young enough; the stamp check is the caller's (it differs per query).</summary>
    private IQueryable<UserSession> Unexpired => db.UserSessions.Where(s => s.EndedAt == null && s.LastSeenAt > IdleSince && s.SignedInAt > BegunSince);

    private IQueryable<UserSession> OpenOf(HeshUser user) => Unexpired.Where(s => s.UserId == user.Id && s.Stamp == user.SecurityStamp);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<string> BeginAsync(HeshUser user, string? userAgent, string? ipAddress, CancellationToken ct = default)
    {
        var session = new UserSession
        {
            Id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_'),
            UserId = user.Id, CompanyId = user.CompanyId, Device = DeviceNames.Describe(userAgent), IpAddress = ipAddress,
            SignedInAt = Now, LastSeenAt = Now, Stamp = user.SecurityStamp,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Session begun for {UserId} on {Device}", user.Id, session.Device);
        return session.Id;
    }

    /// <summary>The same session continues under the user's new security stamp (their own password change).</summary>
    public async Task RenewAsync(string sessionId, HeshUser user, CancellationToken ct = default) =>
        await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == user.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Stamp, user.SecurityStamp), ct);

    /// <summary>Is this request's session still open? Notes "last seen" on the way.</summary>
    public async Task<SessionCheck> CheckAsync(string? sessionId, string? userId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(userId))
        {
            return SessionCheck.Closed;
        }
        var found = await Unexpired.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new
            {
                s.LastSeenAt, Open = s.Stamp == u.SecurityStamp, u.MustChangePassword, u.IsAdmin, u.IsOwner, u.Company!.TwoFactorPolicy,
                u.Company.TwoFactorRequiredSince, u.Company.TwoFactorGraceDays,
                HasSecondFactor = u.TwoFactorEnabled || db.UserPasskeys.Any(p => p.UserId == u.Id),
            })
            .SingleOrDefaultAsync(ct);
        if (found is not { Open: true })
        {
            return SessionCheck.Closed;
        }
        var twoFactor = Hesh.Core.TwoFactor.TwoFactorRequirement.Of(found.TwoFactorPolicy, found.TwoFactorRequiredSince, found.TwoFactorGraceDays,
            found.IsAdmin, found.IsOwner, found.HasSecondFactor, Now);
        if (Now - found.LastSeenAt > TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, Now), ct);
        }
        return new SessionCheck(true, found.MustChangePassword, twoFactor.State == Hesh.Core.TwoFactor.RequirementState.Overdue);
    }

    /// <summary>Sign-out: the session ends, so the cookie that named it is worthless even if it was copied.</summary>
    public async Task EndCurrentAsync(string? sessionId, string? userId, CancellationToken ct = default)
    {
        if (sessionId is null || userId is null)
        {
            return;
        }
        await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, Now).SetProperty(s => s.EndReason, "Signed out"), ct);
    }

    public async Task<Result<IReadOnlyList<SessionView>>> ListAsync(string actorId, string userId, string? currentSessionId, CancellationToken ct = default)
    {
        if (await actors.LoadWithTargetAsync(actorId, userId, ct: ct) is not (var actor, var user)
            || !UserAccess.CanSeeSessions(actor, user))
        {
            return Result<IReadOnlyList<SessionView>>.From(Result.NotFound);
        }
        var sessions = await OpenOf(user).AsNoTracking()
            .OrderByDescending(s => s.LastSeenAt).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var online = await presence.OnlineSessionsOfAsync(user.Id, ct);
        return Result<IReadOnlyList<SessionView>>.Success(sessions
            .Select(s => new SessionView(s.Id, s.Device, s.IpAddress, s.SignedInAt, s.LastSeenAt, s.Id == currentSessionId, online.Contains(s.Id))).ToList());
    }

    /// <summary>Ends one session (<paramref name="sessionId"/>) or all of the user's (null); their open tabs close at once.</summary>
    public Task<Result<int>> EndAsync(string actorId, string userId, string? sessionId, CancellationToken ct = default) =>
        EndAsync(actorId, userId, sessionId, keep: null, ct);

    /// <summary>"Sign out other sessions": every session of one's own but <paramref name="currentSessionId"/>.</summary>
    public Task<Result<int>> EndOthersAsync(string actorId, string currentSessionId, CancellationToken ct = default) =>
        EndAsync(actorId, actorId, null, keep: currentSessionId, ct);

    private async Task<Result<int>> EndAsync(string actorId, string userId, string? sessionId, string? keep, CancellationToken ct)
    {
        if (await actors.LoadWithTargetAsync(actorId, userId, ct: ct) is not (var actor, var user)
            || !UserAccess.CanSeeSessions(actor, user))
        {
            return Result<int>.From(Result.NotFound);
        }
        var refusal = UserAccess.CheckEndSessions(actor, user);
        if (refusal is not null)
        {
            return Result<int>.From(Result.Fail(refusal));
        }
        var all = await OpenOf(user).ToListAsync(ct);
        var open = all.Where(s => (sessionId == null || s.Id == sessionId) && s.Id != keep).ToList();
        if (sessionId is not null && open.Count == 0)
        {
            return Result<int>.From(Result.Fail(Messages.Say("That session has already ended.")));
        }
        if (keep is not null && open.Count == 0)
        {
            return Result<int>.Success(0);
        }
        var reason = actor.Id == userId ? "Signed out by the user" : $"Signed out by {actor.Name}";
        foreach (var session in open)
        {
            session.EndedAt = Now;
            session.EndReason = reason;
        }
        var what = keep is not null ? "Other sessions" : sessionId is null ? "All sessions" : $"One session ({open[0].Device})";
        var entry = AuditLog.Record(db, Now, actor, user, AuditAction.SessionsEnded, what, $"{all.Count} open", $"{all.Count - open.Count} open");
        if (keep is null)
        {
            entry.Announce(AccessChangeKind.Sessions, sessionId is null ? "signed out everywhere" : "one session signed out", sessionId);
        }
        else
        {
            // One announcement per ended session: "all" would close the tab that asked too.
            foreach (var ended in open)
            {
                entry.Announce(AccessChangeKind.Sessions, "other sessions signed out", ended.Id);
            }
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("{Count} session(s) of {UserId} ended by {ActorId}", open.Count, user.Id, actor.Id);
        return Result<int>.Success(open.Count);
    }

}
