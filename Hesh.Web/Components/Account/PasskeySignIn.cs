using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace Hesh.Web.Components.Account;

/// <summary>How a passkey sign-in ended, for the sign-in page: in, locked out, or refused with the reason to show.</summary>
public sealed record PasskeySignInOutcome(bool Succeeded, bool LockedOut, string? Error)
{
    public static PasskeySignInOutcome In { get; } = new(true, false, null);
    public static PasskeySignInOutcome Locked { get; } = new(false, true, null);
    public static PasskeySignInOutcome Refused(string error) => new(false, false, error);
}

/// <summary>
/// The sign-in page's passkey path. Identity's PasskeySignInAsync verifies the assertion, refuses users who may not sign in
/// (HeshSignInManager: only Active) and signs in without asking a second factor: a passkey is possession and the
/// device's own user verification at once. It answers only "failed", so the reason is worked out afterwards from the
/// credential id the browser sent.
/// </summary>
internal sealed class PasskeySignIn(SignInManager<HeshUser> signIn, ILogger<PasskeySignIn> logger)
{
    public async Task<PasskeySignInOutcome> SignInAsync(PasskeyInputModel input)
    {
        if (!string.IsNullOrEmpty(input.Error))
        {
            return PasskeySignInOutcome.Refused(PasskeyMessages.ForBrowserError(input.Error, PasskeyOperation.Request));
        }
        if (string.IsNullOrEmpty(input.CredentialJson) || input.IsTooLarge)
        {
            return PasskeySignInOutcome.Refused(PasskeyMessages.Unreadable);
        }
        SignInResult result;
        try
        {
            result = await signIn.PasskeySignInAsync(input.CredentialJson);
        }
        catch (InvalidOperationException)
        {
            // No options were issued to this browser (or they were used up): there is no challenge to answer.
            logger.LogInformation("Passkey sign-in refused: no passkey request under way");
            return PasskeySignInOutcome.Refused(PasskeyMessages.Expired);
        }
        if (result.Succeeded)
        {
            logger.LogInformation("User signed in with a passkey");
            return PasskeySignInOutcome.In;
        }
        if (result.IsLockedOut)
        {
            logger.LogWarning("Passkey sign-in refused: account locked out");
            return PasskeySignInOutcome.Locked;
        }
        return PasskeySignInOutcome.Refused(await ExplainAsync(input, result));
    }

    private async Task<string> ExplainAsync(PasskeyInputModel input, SignInResult result)
    {
        if (input.ClaimedCredentialId() is not { } id)
        {
            logger.LogInformation("Passkey sign-in refused: the credential could not be read");
            return PasskeyMessages.Unreadable;
        }
        var owner = await signIn.UserManager.FindByPasskeyIdAsync(id);
        if (owner is null)
        {
            logger.LogInformation("Passkey sign-in refused: unknown passkey");
            return PasskeyMessages.NotRegistered;
        }
        if (!result.IsNotAllowed)
        {
            logger.LogInformation("Passkey sign-in refused for {UserId}: the assertion did not verify", owner.Id);
            return PasskeyMessages.NotVerified;
        }
        // IsNotAllowed comes only after the assertion verified: whoever holds this passkey is its owner, so they may learn why.
        logger.LogInformation("Passkey sign-in refused for {UserId}: status {Status}", owner.Id, owner.Status);
        return owner.Status switch
        {
            UserStatus.Pending => PasskeyMessages.Pending,
            UserStatus.Inactive => PasskeyMessages.Inactive,
            _ => PasskeyMessages.NotVerified,
        };
    }
}
