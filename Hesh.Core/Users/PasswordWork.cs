using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Hesh.Core.Users;

/// <summary>
/// One password verification, whatever the account: an attacker timing a sign-in or a sign-up must not learn whether
/// an email has an account (a verification costs tens of milliseconds, a miss costs nothing). Paths that would answer
/// without a verification — no such email, a Pending user without a password, a refused status, a locked account —
/// verify against a hash made once with the application's own hasher, so the work factor is the same.
/// </summary>
public sealed class PasswordWork
{
    private string? _dummy;

    /// <summary>
    /// Verifies <paramref name="password"/> against the user's hash, or against the dummy hash when there is no user or
    /// no hash. True only when it is the user's right password. Never rehashes or writes anything.
    /// </summary>
    public bool Verify(IPasswordHasher<HeshUser> hasher, HeshUser? user, string? password)
    {
        // A benign race: two first callers may both make a dummy; either is as good.
        var dummy = _dummy ??= hasher.HashPassword(new HeshUser(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var hash = user?.PasswordHash is { Length: > 0 } own ? own : dummy;
        var result = hasher.VerifyHashedPassword(user ?? new HeshUser(), hash, password ?? "");
        return !ReferenceEquals(hash, dummy) && result != PasswordVerificationResult.Failed;
    }
}
