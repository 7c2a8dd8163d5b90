using Hesh.Core.Audit;
using Hesh.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users;

/// <summary>One's own account, changed by its signed-in owner: their password, with the current one.</summary>
public sealed class MyAccountService(
    HeshDbContext db,
    UserManager<HeshUser> userManager,
    TimeProvider clock,
    SignIns.SignInHistory signIns,
    ILogger<MyAccountService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result> ChangeOwnPasswordAsync(string actorId, ChangeOwnPasswordInput input, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == actorId && u.Status == UserStatus.Active, ct);
        if (user is null)
        {
            return Result.NotFound;
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return invalid;
        }
        if (await Reauthentication.CheckAsync(userManager, signIns, user, input.CurrentPassword, nameof(input.CurrentPassword),
                Messages.Say("The current password is not correct.")) is { } wrong)
        {
            return wrong;
        }
        AuditLog.Record(db, Now, null, user, AuditAction.PasswordChanged, "Password").Announce(AccessChangeKind.Password, "Password changed");
        user.MustChangePassword = false;
        var changed = await userManager.ChangePasswordAsync(user, input.CurrentPassword, input.Password);
        if (!changed.Succeeded)
        {
            db.ChangeTracker.Clear();
            return changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? Result.Invalid(nameof(input.CurrentPassword), Messages.Say("The current password is not correct."))
                : IdentityErrors.ToResult(changed, nameof(input.Password));
        }
        logger.LogInformation("User {UserId} changed their own password", user.Id);
        return Result.Ok;
    }
}
