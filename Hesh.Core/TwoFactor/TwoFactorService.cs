using Hesh.Core.Permissions;
using System.Globalization;
using System.Text;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Email;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.TwoFactor;

/// <summary>One person's second factors as the Security tab shows them, with what the viewer may do about them.</summary>
public sealed record TwoFactorStatus(
    bool AuthenticatorEnabled,
    int RecoveryCodesLeft,
    int PasskeyCount,
    TwoFactorRequirement Requirement,
    bool IsSelf,
    bool CanReset,
    string? ResetRefusal)
{
    public bool HasSecondFactor => AuthenticatorEnabled || PasskeyCount > 0;
}

/// <summary>What the set-up page shows: the key as text (grouped by four) and the otpauth:// URI its QR code encodes.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri, bool AlreadyEnabled);

/// <summary>
/// Authenticator-app two-factor sign-in with Identity's own authenticator token provider (TOTP, RFC 6238) and
/// recovery codes. Turning it on, off or resetting it changes the security stamp (Identity does): the person's other
/// sessions end, and the page that asked re-issues its own cookie.
/// </summary>
public sealed class TwoFactorService(
    HeshDbContext db,
    UserManager<HeshUser> users,
    CurrentActorLoader actors,
    TimeProvider clock,
    IMailer mailer,
    IAppLinks links,
    Hesh.Core.SignIns.SignInHistory history,
    ILogger<TwoFactorService> logger)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "Hesh";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<TwoFactorStatus>> GetStatusAsync(string actorId, string userId, CancellationToken ct = default)
    {
        if (await actors.LoadWithTargetAsync(actorId, userId, ct: ct) is not (var actor, var user)
            || !UserAccess.CanSeeSessions(actor, user))
        {
            return Result<TwoFactorStatus>.From(Result.NotFound);
        }
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user.CompanyId, ct);
        var passkeys = await db.UserPasskeys.CountAsync(p => p.UserId == user.Id, ct);
        var codes = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        var requirement = TwoFactorRequirement.Of(company, user.IsAdmin, user.IsOwner, user.TwoFactorEnabled || passkeys > 0, Now);
        var refusal = UserAccess.CheckResetTwoFactor(actor, user);
        return Result<TwoFactorStatus>.Success(new TwoFactorStatus(user.TwoFactorEnabled, codes, passkeys, requirement,
            actor.Id == user.Id, refusal is null && (user.TwoFactorEnabled || passkeys > 0), refusal));
    }

    /// <summary>What the company asks of this person now (the sign-in pages and the request gate read it).</summary>
    public async Task<TwoFactorRequirement> RequirementOfAsync(HeshUser user, CancellationToken ct = default)
    {
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user.CompanyId, ct);
        var hasSecondFactor = user.TwoFactorEnabled || await db.UserPasskeys.AnyAsync(p => p.UserId == user.Id, ct);
        return TwoFactorRequirement.Of(company, user.IsAdmin, user.IsOwner, hasSecondFactor, Now);
    }

    /// <summary>The key to enter in the app; made on first visit and kept until the person confirms a code or resets it.</summary>
    public async Task<AuthenticatorSetup> GetSetupAsync(HeshUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Where Identity's store keeps it, but without ResetAuthenticatorKeyAsync's new security stamp: merely opening
            // the set-up page must not sign the person out of every session, this one included.
            key = users.GenerateNewAuthenticatorKey();
            await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", key);
        }
        var uri = string.Format(CultureInfo.InvariantCulture, "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            Uri.EscapeDataString(Issuer), Uri.EscapeDataString(user.Email!), key);
        return new AuthenticatorSetup(Group(key!), uri, user.TwoFactorEnabled);
    }

    /// <summary>Confirms the app with one code from it; on success two-factor is on and ten fresh recovery codes are returned, once.</summary>
    public async Task<Result<IReadOnlyList<string>>> EnableAuthenticatorAsync(HeshUser user, string? code, CancellationToken ct = default)
    {
        if (user.TwoFactorEnabled)
        {
            return Result<IReadOnlyList<string>>.From(Result.Fail(Messages.Say("Your authenticator app is already set up. Reset it to use another one.")));
        }
        var normalized = NormalizeCode(code);
        if (normalized.Length != 6 || !normalized.All(char.IsAsciiDigit))
        {
            return Result<IReadOnlyList<string>>.From(Result.Invalid("Code", Messages.Say("Enter the 6-digit code your app shows.")));
        }
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized))
        {
            return Result<IReadOnlyList<string>>.From(Result.Invalid("Code",
                Messages.Say("That code is not right. Check the app shows Hesh with your email, wait for a new code and try again.")));
        }
        var codes = new List<string>();
        await InOneCommitAsync(async () =>
        {
            AuditLog.Record(db, Now, Actor.Of(user), user, AuditAction.TwoFactorEnabled, "Authenticator app", "off", "on")
                .Announce(AccessChangeKind.TwoFactor, "authenticator app set up");
            await users.SetTwoFactorEnabledAsync(user, true);
            codes.AddRange((await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!);
        }, ct);
        logger.LogInformation("Authenticator app set up by {UserId}", user.Id);
        return Result<IReadOnlyList<string>>.Success(codes);
    }

    /// <summary>Ten new recovery codes; the old ones die. Re-asks the password.</summary>
    public async Task<Result<IReadOnlyList<string>>> GenerateRecoveryCodesAsync(HeshUser user, string? password, CancellationToken ct = default)
    {
        if (!user.TwoFactorEnabled)
        {
            return Result<IReadOnlyList<string>>.From(Result.Fail(Messages.Say("Set up an authenticator app first: recovery codes stand in for its codes.")));
        }
        if (await Reauthentication.CheckAsync(users, history, user, password, "Password") is { } refusal)
        {
            return Result<IReadOnlyList<string>>.From(refusal);
        }
        AuditLog.Record(db, Now, Actor.Of(user), user, AuditAction.RecoveryCodesGenerated, "Recovery codes", null, $"{RecoveryCodeCount} new");
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        logger.LogInformation("Recovery codes renewed by {UserId}", user.Id);
        return Result<IReadOnlyList<string>>.Success(codes);
    }

    /// <summary>"Reset authenticator": the old key and codes stop working; the person sets the app up again. Re-asks the password.</summary>
    public async Task<Result> ResetAuthenticatorAsync(HeshUser user, string? password, CancellationToken ct = default)
    {
        if (await Reauthentication.CheckAsync(users, history, user, password, "Password") is { } refusal)
        {
            return refusal;
        }
        await InOneCommitAsync(async () =>
        {
            AuditLog.Record(db, Now, Actor.Of(user), user, AuditAction.TwoFactorDisabled, "Authenticator app reset", user.TwoFactorEnabled ? "on" : "off", "off")
                .Announce(AccessChangeKind.TwoFactor, "authenticator app reset");
            await RemoveAuthenticatorAsync(user);
        }, ct);
        logger.LogInformation("Authenticator app reset by {UserId}", user.Id);
        return Result.Ok;
    }

    /// <summary>Turns the authenticator off — not while the company requires a second factor and it is the only one.</summary>
    public async Task<Result> DisableAuthenticatorAsync(HeshUser user, string? password, CancellationToken ct = default)
    {
        if (!user.TwoFactorEnabled)
        {
            return Result.Fail(Messages.Say("Your authenticator app is not set up."));
        }
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user.CompanyId, ct);
        var hasPasskey = await db.UserPasskeys.AnyAsync(p => p.UserId == user.Id, ct);
        if (TwoFactorRequirement.Covers(company.TwoFactorPolicy, user.IsAdmin, user.IsOwner) && !hasPasskey)
        {
            return Result.Fail(Messages.Say("{0} requires two-factor sign-in: add a passkey before turning the authenticator app off, or reset it to move to another phone.", company.Name));
        }
        if (await Reauthentication.CheckAsync(users, history, user, password, "Password") is { } refusal)
        {
            return refusal;
        }
        await InOneCommitAsync(async () =>
        {
            AuditLog.Record(db, Now, Actor.Of(user), user, AuditAction.TwoFactorDisabled, "Authenticator app", "on", "off")
                .Announce(AccessChangeKind.TwoFactor, "authenticator app turned off");
            await RemoveAuthenticatorAsync(user);
        }, ct);
        logger.LogInformation("Authenticator app turned off by {UserId}", user.Id);
        return Result.Ok;
    }

    /// <summary>
    /// An admin's "Reset two-factor" for someone who lost their phone: authenticator, recovery codes and passkeys all go,
    /// the person is emailed. Re-asks the admin's password (counted towards the admin's lockout); the owner's only by the owner.
    /// </summary>
    public async Task<Result> ResetForUserAsync(string actorId, string userId, string? actorPassword, CancellationToken ct = default)
    {
        if (await actors.LoadWithTargetAsync(actorId, userId, ct: ct) is not (var actor, var target)
            || !UserAccess.CanSeeSessions(actor, target))
        {
            return Result.NotFound;
        }
        if (UserAccess.CheckResetTwoFactor(actor, target) is { } refusal)
        {
            return Result.Fail(refusal);
        }
        var passkeys = await db.UserPasskeys.Where(p => p.UserId == target.Id).ToListAsync(ct);
        if (!target.TwoFactorEnabled && passkeys.Count == 0)
        {
            return Result.Fail(Messages.Say("{0} has no second factor to reset.", target.FirstName));
        }
        var admin = await users.FindByIdAsync(actor.Id);
        if (admin is null)
        {
            return Result.NotFound;
        }
        if (await Reauthentication.CheckAsync(users, history, admin, actorPassword, "Password") is { } wrong)
        {
            return wrong;
        }
        var tracked = await users.FindByIdAsync(target.Id);
        var before = Describe(target.TwoFactorEnabled, passkeys.Count);
        await InOneCommitAsync(async () =>
        {
            AuditLog.Record(db, Now, actor, tracked!, AuditAction.TwoFactorReset, "Two-factor sign-in", before, "none")
                .Announce(AccessChangeKind.TwoFactor, "two-factor sign-in reset");
            db.UserPasskeys.RemoveRange(passkeys);
            // Locked out by wrong codes is what brought them here: they may try their password again at once.
            await users.SetLockoutEndDateAsync(tracked!, null);
            await users.ResetAccessFailedCountAsync(tracked!);
            await RemoveAuthenticatorAsync(tracked!);
        }, ct);
        await mailer.SendAsync(TwoFactorEmails.ResetByAdmin(tracked!.Email!, tracked.FirstName, actor.Name, Now, links.SignIn(), await db.EmailCultureAsync(tracked!, ct)), ct);
        logger.LogInformation("Two-factor of {UserId} reset by {ActorId}", tracked.Id, actor.Id);
        return Result.Ok;
    }

    /// <summary>Spaces and dashes people type or paste between groups do not matter.</summary>
    public static string NormalizeCode(string? code) => (code ?? "").Replace(" ", "").Replace("-", "").Trim();

    public static string Describe(bool authenticator, int passkeys) => (authenticator, passkeys) switch
    {
        (false, 0) => Messages.Say("none"),
        (true, 0) => Messages.Say("authenticator app"),
        (false, _) => Passkeys(passkeys),
        _ => Messages.Say("authenticator app, {0}", Passkeys(passkeys)),
    };

    private static string Passkeys(int n) => Messages.Count(n, "{0} passkey", "{0} passkeys");

    /// <summary>Off, a new key (the old app's codes die) and no recovery codes; one save, one new security stamp.</summary>
    private async Task RemoveAuthenticatorAsync(HeshUser user)
    {
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
    }

    /// <summary>UserManager saves after each step: one transaction makes them one change, announced once it commits.</summary>
    private async Task InOneCommitAsync(Func<Task> steps, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await steps();
        await transaction.CommitAsync(ct);
    }

    private static string Group(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(text.Length > 0 ? " " : "").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }

}
