using System.Diagnostics;
using Hesh.Core.Common.Telemetry;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Hesh.Web.Components.Account;

/// <summary>
/// Every password sign-in costs one password verification and, when it fails, takes as long as a wrong password for an
/// active account, so its duration does not tell an attacker whether the email has an account or in which state it is.
/// Identity on its own answers an unknown email, a refused status (Pending, Inactive) and a locked account at once.
/// See <see cref="PasswordWork"/> and <see cref="SignInPacing"/>.
/// </summary>
internal sealed partial class HeshSignInManager
{
    private const string RefusedWithRightPasswordKey = "hesh:refused-with-right-password";

    /// <summary>
    /// Whether the sign-in of this request was refused before Identity's own password check (a Pending or Inactive
    /// user, a locked account) although the password was right: the sign-in page tells an inactive user why only then.
    /// </summary>
    public static bool RefusedWithRightPassword(HttpContext context) => context.Items[RefusedWithRightPasswordKey] is true;

    // From the request rather than the constructor, so this concern stays in its own file.
    private PasswordWork Work => Context.RequestServices.GetRequiredService<PasswordWork>();
    private SignInPacing Pacing => Context.RequestServices.GetRequiredService<SignInPacing>();
    private UnknownEmailThrottle UnknownGuesses => Context.RequestServices.GetRequiredService<UnknownEmailThrottle>();

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }
        var started = Stopwatch.GetTimestamp();
        Work.Verify(UserManager.PasswordHasher, null, password);
        Pacing.Refused(started);
        var wait = await UnknownGuesses.CountAsync(userName, Context.Connection.RemoteIpAddress?.ToString());
        Context.RequestServices.GetService<HeshMetrics>()?.SignInOfUnknownAccount(throttled: wait is not null);
        return wait is { } after ? new ThrottledSignInResult(after) : SignInResult.Failed;
    }

    /// <summary>
    /// A refused status (Pending, Inactive) or a locked account: one verification, as for any other sign-in, and whether
    /// the password was right (the page tells an inactive user why only then). Not checked through the UserManager: a
    /// refused sign-in neither rehashes nor counts a failure.
    /// </summary>
    private bool VerifyRefused(HeshUser user, string password)
    {
        var right = Work.Verify(UserManager.PasswordHasher, user, password);
        Context.Items[RefusedWithRightPasswordKey] = right;
        return right;
    }
}
