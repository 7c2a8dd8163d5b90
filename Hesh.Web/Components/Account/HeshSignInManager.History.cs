using System.Buffers.Text;
using System.Security.Claims;
using Hesh.Core.SignIns;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Hesh.Web.Components.Account;

/// <summary>
/// The sign-in history (PRODUCT §6) and the address throttle, in the one place every sign-in passes: each attempt of a
/// known account is filed with <see cref="SignInHistory"/>, and a password or code from an address that failed too often
/// for this account is refused before it is checked. Unknown emails never reach these methods.
/// </summary>
internal sealed partial class HeshSignInManager
{
    private PasskeyAssertionResult<HeshUser>? _passkeyAssertion;

    /// <summary>
    /// The password check: throttled addresses are refused unchecked, and every refusal is filed. An Inactive account's
    /// password is checked here so that only the right one learns the account is inactive; a wrong one is a guess like
    /// any other (filed, throttled), not "inactive". The account lockout is decided from the filed guesses of the last
    /// 15 minutes (<see cref="SignInThrottle.LocksAccount"/>), not Identity's running count, which one patient address
    /// could otherwise push up five at a time.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(HeshUser user, string password, bool lockoutOnFailure)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var client = Client();
        if (await history.ThrottledForAsync(user, client.IpAddress) is { } wait)
        {
            // Not checked, but verified all the same: a throttled answer must not come back faster than any other.
            Work.Verify(UserManager.PasswordHasher, null, password);
            await history.RecordAsync(user, SignInOutcome.Throttled, SignInMethod.Password, client);
            return new ThrottledSignInResult(wait);
        }
        SignInResult result;
        if (await PreSignInCheck(user) is { } refused)
        {
            // Pending, Inactive or locked: the same single verification as any sign-in (see EqualWork); a wrong password
            // for an Inactive account is a guess like any other (filed, throttled), not "inactive".
            var right = VerifyRefused(user, password);
            result = !right && refused.IsNotAllowed && user.Status == UserStatus.Inactive ? SignInResult.Failed : refused;
        }
        else
        {
            result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        }
        if (result.Succeeded)
        {
            return result;
        }
        var outcome = OutcomeOf(result, user, SignInOutcome.WrongPassword);
        await history.RecordAsync(user, outcome, SignInMethod.Password, client);
        if (outcome == SignInOutcome.WrongPassword && lockoutOnFailure && UserManager.SupportsUserLockout
            && await history.BackstopLockoutAsync(user) is { } until)
        {
            await UserManager.SetLockoutEndDateAsync(user, until);
            return SignInResult.LockedOut;
        }
        if (lockoutOnFailure)
        {
            Pacing.WrongPassword(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        return result;
    }

    /// <summary>Refusals were filed by the password check; what is left is a right password: signed in, or a code asked.</summary>
    public override async Task<SignInResult> PasswordSignInAsync(HeshUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.Succeeded)
        {
            await RecordSuccessAsync(user, SignInMethod.Password);
        }
        else if (result.RequiresTwoFactor)
        {
            await history.RecordAsync(user, SignInOutcome.SecondFactorAsked, SignInMethod.Password, Client());
        }
        return result;
    }

    /// <summary>
    /// Direct sign-ins (accepting an invitation, signing up) are the account's first: filed as such, so the browser is
    /// known from then on. Re-issuing the cookie of the user already signed in here is no sign-in.
    /// </summary>
    public override async Task SignInAsync(HeshUser user, AuthenticationProperties authenticationProperties, string? authenticationMethod = null)
    {
        var already = Context.User.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id;
        await base.SignInAsync(user, authenticationProperties, authenticationMethod);
        if (!already)
        {
            await RecordSuccessAsync(user, SignInMethod.Password);
        }
    }

    public override Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient) =>
        SecondFactorAsync(SignInMethod.Authenticator, () => base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient));

    public override Task<SignInResult> TwoFactorSignInAsync(string provider, string code, bool isPersistent, bool rememberClient) =>
        SecondFactorAsync(SignInMethod.Authenticator, () => base.TwoFactorSignInAsync(provider, code, isPersistent, rememberClient));

    public override Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode) =>
        SecondFactorAsync(SignInMethod.RecoveryCode, () => base.TwoFactorRecoveryCodeSignInAsync(recoveryCode));

    /// <summary>Kept for <see cref="PasskeySignInAsync"/>: Identity reports only "failed", and the credential id is not in its result.</summary>
    public override async Task<PasskeyAssertionResult<HeshUser>> PerformPasskeyAssertionAsync(string credentialJson)
    {
        var result = await base.PerformPasskeyAssertionAsync(credentialJson);
        _passkeyAssertion = result;
        return result;
    }

    /// <summary>
    /// A passkey cannot be guessed, so it is not throttled: the owner signs in with theirs even while their address is
    /// refused passwords. An assertion that names no account (unknown or forged credential) is not filed.
    /// </summary>
    public override async Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        _passkeyAssertion = null;
        var result = await base.PasskeySignInAsync(credentialJson);
        if (_passkeyAssertion is { Succeeded: true } assertion)
        {
            var credentialId = Base64Url.EncodeToString(assertion.Passkey.CredentialId);
            if (result.Succeeded)
            {
                await RecordSuccessAsync(assertion.User, SignInMethod.Passkey, credentialId);
            }
            else if (result.IsLockedOut || result.IsNotAllowed)
            {
                await history.RecordAsync(assertion.User, OutcomeOf(result, assertion.User, SignInOutcome.LockedOut), SignInMethod.Passkey, Client(), credentialId);
            }
        }
        return result;
    }

    /// <summary>The code step: the account is the one whose password was right in this browser (Identity's two-factor cookie).</summary>
    private async Task<SignInResult> SecondFactorAsync(SignInMethod method, Func<Task<SignInResult>> signIn)
    {
        if (await GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return await signIn();
        }
        var client = Client();
        if (await history.ThrottledForAsync(user, client.IpAddress) is { } wait)
        {
            await history.RecordAsync(user, SignInOutcome.Throttled, method, client);
            return new ThrottledSignInResult(wait);
        }
        var result = await signIn();
        if (result.Succeeded)
        {
            await RecordSuccessAsync(user, method);
        }
        else
        {
            await history.RecordAsync(user, OutcomeOf(result, user, SignInOutcome.WrongCode), method, client);
        }
        return result;
    }

    private async Task RecordSuccessAsync(HeshUser user, SignInMethod method, string? credentialId = null) =>
        await history.RecordAsync(user, SignInOutcome.Succeeded, method, BrowserCookie.ClientOf(Context, BrowserCookie.Ensure(Context)), credentialId);

    private SignInClient Client() => BrowserCookie.ClientOf(Context, BrowserCookie.HashOf(Context));

    private static SignInOutcome OutcomeOf(SignInResult result, HeshUser user, SignInOutcome wrong) => result switch
    {
        { Succeeded: true } => SignInOutcome.Succeeded,
        ThrottledSignInResult => SignInOutcome.Throttled,
        { RequiresTwoFactor: true } => SignInOutcome.SecondFactorAsked,
        { IsLockedOut: true } => SignInOutcome.LockedOut,
        { IsNotAllowed: true } => user.Status == UserStatus.Pending ? SignInOutcome.NotActivated : SignInOutcome.Inactive,
        _ => wrong,
    };
}
