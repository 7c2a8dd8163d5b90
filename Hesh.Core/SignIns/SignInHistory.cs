using Hesh.Core.Common.Telemetry;
using Hesh.Core.Data;
using Hesh.Core.Email;
using Hesh.Core.Sessions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.SignIns;

/// <summary>One line of the Security tab's sign-in history.</summary>
public sealed record SignInEntry(long Id, DateTime At, SignInOutcome Outcome, SignInMethod Method, string? IpAddress, string Device);

/// <summary>Where the next page of the history starts: after this entry (newest first).</summary>
public sealed record SignInCursor(DateTime At, long Id)
{
    public static SignInCursor After(SignInEntry entry) => new(entry.At, entry.Id);
}

public sealed record SignInPage(IReadOnlyList<SignInEntry> Items, bool HasMore);

/// <summary>
/// Every sign-in attempt of a known account (PRODUCT §6), written by the sign-in manager in one place: kept
/// <see cref="SignInAttempt.KeptFor"/>, listed on the Security tab, counted by <see cref="SignInThrottle"/>, and — when a
/// sign-in succeeds from a browser the account never used — emailed to its owner. Attempts on unknown emails are not
/// recorded: there is no account to file them under.
/// </summary>
public sealed class SignInHistory(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, ICurrentClient currentClient,
    IMailer mailer, IAppLinks links, ILogger<SignInHistory> logger, HeshMetrics? metrics = null)
{
    public const int PageSize = 20;
    public const int MaxPageSize = 100;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The client of the current request (unknown outside one).</summary>
    public SignInClient CurrentClient => currentClient.Get();

    /// <summary>How long <paramref name="ipAddress"/> must wait before trying <paramref name="user"/>'s account again; null: now.</summary>
    public async Task<TimeSpan?> ThrottledForAsync(HeshUser user, string? ipAddress, CancellationToken ct = default)
    {
        var now = Now;
        var since = now - SignInThrottle.Window;
        var attempts = await db.SignInAttempts.AsNoTracking()
            .Where(a => a.UserId == user.Id && a.IpAddress == ipAddress && a.At > since)
            .Select(a => new { a.At, a.Outcome })
            .ToListAsync(ct);
        return SignInThrottle.RetryAfter(attempts.Select(a => (a.At, a.Outcome)), now);
    }

    /// <summary>
    /// When the account must be locked after the guess just filed (<see cref="SignInThrottle.LocksAccount"/>): the end of
    /// the lockout, or null.
    /// </summary>
    public async Task<DateTimeOffset?> BackstopLockoutAsync(HeshUser user, CancellationToken ct = default)
    {
        var since = Now - SignInThrottle.Window;
        var guesses = await db.SignInAttempts.CountAsync(a => a.UserId == user.Id && a.At > since
            && (a.Outcome == SignInOutcome.WrongPassword || a.Outcome == SignInOutcome.WrongCode), ct);
        if (!SignInThrottle.LocksAccount(guesses))
        {
            return null;
        }
        logger.LogWarning("Account {UserId} locked: {Count} wrong passwords and codes from all addresses within {Minutes} minutes",
            user.Id, guesses, SignInThrottle.Window.TotalMinutes);
        return clock.GetUtcNow() + AccountPolicy.LockoutDuration;
    }

    /// <summary>
    /// Files one attempt. A success also sets <see cref="HeshUser.LastSignInAt"/> and, from a browser this account has
    /// not signed in with before, emails "New sign-in to Hesh" — except for the account's very first sign-in (it just
    /// accepted its invitation or signed up: every browser is new then, and the person is the one who asked).
    /// </summary>
    public async Task RecordAsync(HeshUser user, SignInOutcome outcome, SignInMethod method, SignInClient client, string? credentialId = null,
        CancellationToken ct = default)
    {
        var now = Now;
        var success = outcome == SignInOutcome.Succeeded;
        var newBrowser = success && await IsNewBrowserAsync(user, client, ct);
        var attempt = new SignInAttempt
        {
            UserId = user.Id, CompanyId = user.CompanyId, At = now, Outcome = outcome, Method = method, IpAddress = client.IpAddress,
            Device = Fit(DeviceNames.Describe(client.UserAgent)), BrowserId = client.BrowserId, CredentialId = credentialId,
        };
        db.SignInAttempts.Add(attempt);
        await db.SaveChangesAsync(ct);
        metrics?.SignIn(outcome, method);
        if (success)
        {
            await SetLastSignInAsync(user, now, ct);
        }
        logger.LogInformation("Sign-in attempt of {UserId}: {Outcome} by {Method} from {IpAddress} on {Device}",
            user.Id, outcome, method, client.IpAddress, attempt.Device);
        if (newBrowser)
        {
            await SendNewSignInAsync(user, attempt, ct);
        }
    }

    /// <summary>The user's attempts, newest first, a page at a time: the user themself and the admins who see their sessions.</summary>
    public async Task<Result<SignInPage>> ListAsync(string actorId, string userId, SignInCursor? after = null, int take = PageSize,
        CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        var user = actor is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.CompanyId == actor.CompanyId, ct);
        // The same people who see the sessions; everyone else learns nothing, not even that the user exists.
        if (user is null || !UserAccess.CanSeeSessions(actor!, user))
        {
            return Result<SignInPage>.From(Result.NotFound);
        }
        var size = Math.Clamp(take, 1, MaxPageSize);
        var attempts = db.SignInAttempts.AsNoTracking().Where(a => a.UserId == user.Id && a.CompanyId == user.CompanyId);
        if (after is not null)
        {
            attempts = attempts.Where(a => a.At < after.At || (a.At == after.At && a.Id < after.Id));
        }
        var rows = await attempts.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(size + 1)
            .Select(a => new SignInEntry(a.Id, a.At, a.Outcome, a.Method, a.IpAddress, a.Device))
            .ToListAsync(ct);
        return Result<SignInPage>.Success(new SignInPage(rows.Take(size).ToList(), rows.Count > size));
    }

    /// <summary>Deletes what is older than <see cref="SignInAttempt.KeptFor"/>; returns how many rows went.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct = default)
    {
        var cutoff = Now - SignInAttempt.KeptFor;
        var deleted = await db.SignInAttempts.Where(a => a.At < cutoff).ExecuteDeleteAsync(ct);
        if (deleted > 0)
        {
            logger.LogInformation("{Count} sign-in attempt(s) older than {Days} days deleted", deleted, SignInAttempt.KeptFor.TotalDays);
        }
        return deleted;
    }

    /// <summary>
    /// "Never used before": no earlier success of this account with this browser id (within the kept 90 days). A
    /// client without a browser id (no web request) cannot be told apart, so it is not reported.
    /// </summary>
    private async Task<bool> IsNewBrowserAsync(HeshUser user, SignInClient client, CancellationToken ct) =>
        user.LastSignInAt is not null && client.BrowserId is not null
        && !await db.SignInAttempts.AnyAsync(a => a.UserId == user.Id && a.Outcome == SignInOutcome.Succeeded && a.BrowserId == client.BrowserId, ct);

    /// <summary>Written straight to the row: the tracked user is Identity's, and saving it would race its concurrency stamp.</summary>
    private async Task SetLastSignInAsync(HeshUser user, DateTime now, CancellationToken ct)
    {
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now), ct);
        var entry = db.Entry(user);
        if (entry.State == EntityState.Detached)
        {
            user.LastSignInAt = now;
        }
        else
        {
            entry.Property(u => u.LastSignInAt).CurrentValue = now;
            entry.Property(u => u.LastSignInAt).OriginalValue = now;
        }
    }

    private async Task SendNewSignInAsync(HeshUser user, SignInAttempt attempt, CancellationToken ct)
    {
        try
        {
            await mailer.SendAsync(EmailTemplates.NewSignIn(user.Email!, user.FirstName, attempt.At, attempt.Device, attempt.IpAddress,
                links.Security(user.Id), await db.EmailCultureAsync(user, ct)), ct);
            logger.LogInformation("New-browser sign-in of {UserId} emailed", user.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The person is signed in already; a mail server down must not undo that.
            logger.LogWarning(ex, "New-browser sign-in email to {UserId} could not be sent", user.Id);
        }
    }

    private static string Fit(string device) => device.Length > SignInAttempt.DeviceMaxLength ? device[..SignInAttempt.DeviceMaxLength] : device;
}
