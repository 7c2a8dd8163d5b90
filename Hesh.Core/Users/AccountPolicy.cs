using Microsoft.AspNetCore.Identity;

namespace Hesh.Core.Users;

/// <summary>
/// The account rules Identity enforces: the password policy the pages print, lockout after repeated failures,
/// and the email as a unique sign-in name. Declared once so the host and the tests run the same rules.
/// </summary>
public static class AccountPolicy
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void Apply(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        // Version 3 of Identity's schema stores passkeys (AspNetUserPasskeys).
        options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        options.Password.RequiredLength = 8;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        options.Lockout.AllowedForNewUsers = true;
    }
}

/// <summary>
/// Re-entering one's password inside a signed-in session (changing it, transferring ownership): wrong guesses count
/// towards the same lockout as sign-in, so a session left open cannot be used to guess the password.
/// </summary>
public static class Reauthentication
{
    /// <summary>Null when <paramref name="password"/> is right; otherwise the refusal to show on <paramref name="field"/>.</summary>
    public static async Task<Result?> CheckAsync(UserManager<HeshUser> users, HeshUser user, string? password, string field,
        string wrong = "The password is not correct.")
    {
        if (await users.IsLockedOutAsync(user))
        {
            return Result.Invalid(field, "Too many wrong passwords. Try again in 15 minutes.");
        }
        if (await users.CheckPasswordAsync(user, password ?? ""))
        {
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user)
            ? Result.Invalid(field, "Too many wrong passwords: the account is locked for 15 minutes.")
            : Result.Invalid(field, wrong);
    }
}
