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
    public const int MaxFailedSignIns = 5;
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
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
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
