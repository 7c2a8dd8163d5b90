using Hesh.Core.Audit;
using Hesh.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users;

/// <summary>
/// The flows of someone not signed in: forgot and reset password, and accepting an invitation. Nothing here says
/// whether an email has an account.
/// </summary>
public sealed class AccountFlows(
    HeshDbContext db,
    UserManager<HeshUser> userManager,
    AccountWork work,
    TimeProvider clock,
    ILogger<AccountFlows> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Forgot password. Says nothing about whether the email exists; only Active users get a message.</summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken ct = default)
    {
        var user = await userManager.FindByEmailAsync(email.Trim());
        if (user is { Status: UserStatus.Active })
        {
            await work.SendResetEmailAsync(user, ct, background: true);
            logger.LogInformation("Password reset requested for {UserId}", user.Id);
        }
    }

    public async Task<Result> ResetPasswordAsync(string email, string code, string password, CancellationToken ct = default)
    {
        var user = await userManager.FindByEmailAsync(email.Trim());
        if (user is not { Status: UserStatus.Active })
        {
            return Result.Fail(Messages.Say("This reset link is not valid. Request a new one."));
        }
        // Like every password change: the user's open circuits and hub connections end now, not at the next revalidation.
        AuditLog.Record(db, Now, null, user, AuditAction.PasswordReset, "Password", null, "Reset by email link")
            .Announce(AccessChangeKind.Password, "Password reset by email link");
        user.MustChangePassword = false;
        var reset = await userManager.ResetPasswordAsync(user, code, password);
        if (!reset.Succeeded)
        {
            db.ChangeTracker.Clear();
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? Result.Fail(Messages.Say("This reset link is not valid or has expired. Request a new one."))
                : IdentityErrors.ToResult(reset, "Password");
        }
        logger.LogInformation("User {UserId} reset their password", user.Id);
        return Result.Ok;
    }

    public async Task<InvitationState> CheckInvitationAsync(string userId, string token, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? InvitationState.Invalid : Invitation.Check(user, token, Now);
    }

    /// <summary>The invited user sets their password: they become Active and the link dies.</summary>
    public async Task<Result<HeshUser>> AcceptInvitationAsync(string userId, string token, NewPasswordInput input, CancellationToken ct = default)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        var state = user is null ? InvitationState.Invalid : Invitation.Check(user, token, Now);
        if (state != InvitationState.Valid)
        {
            return Result<HeshUser>.From(Result.Fail(Invitation.Describe(state)));
        }
        var invalid = await work.ValidatePasswordAsync(user!, input);
        if (!invalid.Succeeded)
        {
            return Result<HeshUser>.From(invalid);
        }
        work.SetPassword(user!, input.Password);
        AuditLog.Record(db, Now, null, user!, AuditAction.InvitationAccepted, "Status", UserStatus.Pending.ToString(), UserStatus.Active.ToString());
        if (!(await userManager.UpdateSecurityStampAsync(user!)).Succeeded)
        {
            return Result<HeshUser>.From(work.ChangedMeanwhile());
        }
        logger.LogInformation("User {UserId} accepted the invitation", user!.Id);
        return Result<HeshUser>.Success(user);
    }
}
