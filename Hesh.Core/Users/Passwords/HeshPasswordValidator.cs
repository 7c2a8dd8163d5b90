using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users.Passwords;

/// <summary>
/// <see cref="PasswordRules"/> as Identity's password validator, so every way a password is set runs it: sign-up
/// (CreateAsync), the invitation and an admin's "Create new password" (UserAdministration and AccountFlows ask the validators), own change
/// (ChangePasswordAsync) and the reset link (ResetPasswordAsync).
/// </summary>
public sealed class HeshPasswordValidator(PasswordContexts contexts, ILogger<HeshPasswordValidator> logger) : IPasswordValidator<HeshUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<HeshUser> manager, HeshUser user, string? password)
    {
        var refusal = PasswordRules.Check(password ?? "", await contexts.OfAsync(user));
        if (refusal is null)
        {
            return IdentityResult.Success;
        }
        // The reason, never the password.
        logger.LogInformation("Password refused for {UserId}: {Reason}", user.Id, refusal.Code);
        return IdentityResult.Failed(new IdentityError { Code = refusal.Code, Description = refusal.Message });
    }
}
