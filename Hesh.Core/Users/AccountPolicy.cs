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
