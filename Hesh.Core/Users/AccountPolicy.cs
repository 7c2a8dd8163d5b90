using Hesh.Core.SignIns;
using Hesh.Core.Users.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hesh.Core.Users;

/// <summary>
/// The account rules Identity enforces: the password rules (<see cref="PasswordRules"/>), lockout after repeated
/// failures, and the email as a unique sign-in name. Declared once so the host and the tests run the same rules.
/// </summary>
public static class AccountPolicy
{
    /// <summary>Failures of one account from one address within <see cref="SignInThrottle.Window"/> before that address is refused.</summary>
    public const int FailuresPerAddress = SignInThrottle.MaxFailures;

    /// <summary>
    /// Identity's lockout is per account, so at a low count anyone who knows an email could keep its owner locked out.
    /// <see cref="SignInThrottle"/> refuses a guessing address after <see cref="FailuresPerAddress"/>; the account-wide
    /// lockout is only the backstop against guessing spread over many addresses: this many wrong passwords and codes
    /// within 15 minutes (at least ten addresses at five each, <see cref="SignInThrottle.LocksAccount"/>). Identity's own
    /// running count stops at the same number for wrong codes and re-entered passwords, which need the password or a session.
    /// </summary>
    public const int LockoutThreshold = 50;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void Apply(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        // Version 3 of Identity's schema stores passkeys (AspNetUserPasskeys).
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        // No composition rules (ASVS 5 V6.2): they push people to "Password1!" and do not make passwords stronger.
        // The options mirror PasswordRules for anything that reads them; HeshPasswordValidator enforces them.
        options.Password.RequiredLength = PasswordRules.MinLength;
        options.Password.RequiredUniqueChars = 1;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = LockoutThreshold;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.Lockout.AllowedForNewUsers = true;
    }

    /// <summary>
    /// <see cref="HeshPasswordValidator"/> in place of Identity's own, so a refused password gets one clear
    /// sentence rather than two validators' messages joined.
    /// </summary>
    public static IdentityBuilder AddHeshPasswordRules(this IdentityBuilder identity)
    {
        identity.Services.RemoveAll<IPasswordValidator<HeshUser>>();
        identity.Services.AddScoped<IPasswordValidator<HeshUser>, HeshPasswordValidator>();
        return identity;
    }
}

/// <summary>
/// Re-entering one's password inside a signed-in session (changing it, transferring ownership): a wrong guess is filed
/// in the sign-in history as a wrong password from this client and counts towards both the address throttle and the
/// account lockout, so a session left open is no password-guessing machine.
/// </summary>
public static class Reauthentication
{
    /// <summary>Null when <paramref name="password"/> is right; otherwise the refusal to show on <paramref name="field"/>.</summary>
    public static async Task<Result?> CheckAsync(UserManager<HeshUser> users, SignInHistory history, HeshUser user, string? password, string field,
        string? wrong = null)
    {
        var client = history.CurrentClient;
        if (await history.ThrottledForAsync(user, client.IpAddress) is { } wait)
        {
            await history.RecordAsync(user, SignInOutcome.Throttled, SignInMethod.Password, client);
            return Result.Invalid(field, SignInThrottle.DescribeReentry(wait));
        }
        if (await users.IsLockedOutAsync(user))
        {
            return Result.Invalid(field, Messages.Say("Too many wrong passwords. Try again in 15 minutes."));
        }
        if (await users.CheckPasswordAsync(user, password ?? ""))
        {
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }
        await users.AccessFailedAsync(user);
        await history.RecordAsync(user, SignInOutcome.WrongPassword, SignInMethod.Password, client);
        if (await users.IsLockedOutAsync(user))
        {
            return Result.Invalid(field, Messages.Say("Too many wrong passwords: the account is locked for 15 minutes."));
        }
        return await history.ThrottledForAsync(user, client.IpAddress) is { } now
            ? Result.Invalid(field, SignInThrottle.DescribeReentry(now))
            : Result.Invalid(field, wrong ?? Messages.Say("The password is not correct."));
    }
}
