using Hesh.Core.Permissions;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users;

/// <summary>
/// Every change to a user: invitation, status, profile, photo and passwords. Each method loads the actor from
/// the store, scopes the target to the actor's company, checks <see cref="UserAccess"/>, and only then writes.
/// </summary>
public sealed class UserService(
    HeshDbContext db,
    UserManager<HeshUser> userManager,
    CurrentActorLoader actors,
    IMailer mailer,
    IAppLinks links,
    TimeProvider clock,
    SignIns.SignInHistory signIns,
    ILogger<UserService> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<string>> InviteAsync(string actorId, InviteUserInput input, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !UserAccess.CanInvite(actor))
        {
            return Result<string>.From(Result.Fail("Only an administrator can add users."));
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return Result<string>.From(invalid);
        }
        var email = input.Email.Trim();
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            return Result<string>.From(Result.Invalid(nameof(input.Email), "A user with this email already exists."));
        }
        if (input.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d && x.CompanyId == actor.CompanyId, ct))
        {
            return Result<string>.From(Result.Invalid(nameof(input.DepartmentId), "This department does not exist."));
        }
        if (input.PositionId is { } p && !await db.Positions.AnyAsync(x => x.Id == p && x.CompanyId == actor.CompanyId, ct))
        {
            return Result<string>.From(Result.Invalid(nameof(input.PositionId), "This position does not exist."));
        }

        var user = new HeshUser
        {
            UserName = email, Email = email, EmailConfirmed = true, CompanyId = actor.CompanyId,
            FirstName = input.FirstName.Trim(), LastName = input.LastName.Trim(),
            PhoneNumber = Blank(input.Phone), ExternalId = Blank(input.ExternalId),
            Status = UserStatus.Pending, CreatedAt = Now, DepartmentId = input.DepartmentId, PositionId = input.PositionId,
        };
        var token = Invitation.Issue(user, Now);
        AuditLog.Record(db, Now, actor, user, AuditAction.UserInvited, "Invitation", null, user.Email);
        var created = await userManager.CreateAsync(user);
        if (!created.Succeeded)
        {
            return Result<string>.From(IdentityErrors.ToResult(created, nameof(input.Email)));
        }
        logger.LogInformation("User {UserId} invited to company {CompanyId} by {ActorId}", user.Id, actor.CompanyId, actor.Id);
        var sent = await SendInvitationAsync(user, token, ct);
        return sent.Succeeded ? Result<string>.Success(user.Id) : Result<string>.From(sent) with { Value = user.Id };
    }

    public async Task<Result> ResendInvitationAsync(string actorId, string userId, CancellationToken ct = default)
    {
        var (actor, user) = await LoadAsync(actorId, userId, ct);
        if (user is null)
        {
            return Result.NotFound;
        }
        var refusal = UserAccess.CheckStatusAction(actor!, user, StatusAction.ResendInvitation);
        if (refusal is not null)
        {
            return Result.Fail(refusal);
        }
        var token = Invitation.Issue(user, Now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Invitation of {UserId} resent by {ActorId}", user.Id, actorId);
        return await SendInvitationAsync(user, token, ct);
    }

    public async Task<Result> ApplyStatusActionAsync(string actorId, string userId, StatusAction action, CancellationToken ct = default)
    {
        if (action == StatusAction.ResendInvitation)
        {
            return await ResendInvitationAsync(actorId, userId, ct);
        }
        var (actor, user) = await LoadAsync(actorId, userId, ct);
        if (user is null)
        {
            return Result.NotFound;
        }
        var refusal = UserAccess.CheckStatusAction(actor!, user, action);
        if (refusal is not null)
        {
            return Result.Fail(refusal);
        }
        var before = user.Status;
        user.Status = UserStatusRules.After(user.Status, action, user.PasswordHash is not null);
        if (user.Status == UserStatus.Inactive)
        {
            Invitation.Revoke(user);
        }
        AuditLog.Record(db, Now, actor, user, AuditAction.StatusChanged, "Status", before.ToString(), user.Status.ToString())
            .Announce(AccessChangeKind.Status, $"Status changed to {user.Status}");
        user.AccessVersion++;
        // A new security stamp ends every session the user has open.
        if (!(await userManager.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return ChangedMeanwhile();
        }
        logger.LogInformation("User {UserId} status {Before} -> {After} by {ActorId}", user.Id, before, user.Status, actorId);
        return Result.Ok;
    }

    public async Task<Result> UpdateProfileAsync(string actorId, string userId, EditProfileInput input, CancellationToken ct = default)
    {
        var (actor, user) = await LoadAsync(actorId, userId, ct);
        if (user is null)
        {
            return Result.NotFound;
        }
        if (!UserAccess.CanEditProfile(actor!, user))
        {
            return Result.Fail("Only an administrator can edit another user's information.");
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return invalid;
        }
        user.FirstName = input.FirstName.Trim();
        user.LastName = input.LastName.Trim();
        user.PhoneNumber = Blank(input.Phone);
        user.ExternalId = Blank(input.ExternalId);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Profile of {UserId} edited by {ActorId}", user.Id, actorId);
        return Result.Ok;
    }

    public async Task<Result> SetPhotoAsync(string actorId, string userId, byte[] content, CancellationToken ct = default)
    {
        var checkedPhoto = UserPhoto.Check(content);
        if (!checkedPhoto.Succeeded)
        {
            return checkedPhoto;
        }
        return await ChangePhotoAsync(actorId, userId, content, checkedPhoto.Value, ct);
    }

    public Task<Result> RemovePhotoAsync(string actorId, string userId, CancellationToken ct = default) =>
        ChangePhotoAsync(actorId, userId, null, null, ct);

    /// <summary>An admin sets another user's password: a Pending user becomes Active, the invitation dies, sessions end.</summary>
    public async Task<Result> SetPasswordAsync(string actorId, string userId, NewPasswordInput input, CancellationToken ct = default)
    {
        var (actor, user) = await LoadAsync(actorId, userId, ct);
        if (user is null)
        {
            return Result.NotFound;
        }
        if (user.Id == actor!.Id)
        {
            return Result.Fail("Change your own password with your current password.");
        }
        var refusal = UserAccess.CheckSetPassword(actor, user);
        if (refusal is not null)
        {
            return Result.Fail(refusal);
        }
        var invalid = await ValidatePasswordAsync(user, input);
        if (!invalid.Succeeded)
        {
            return invalid;
        }
        var wasPending = user.Status == UserStatus.Pending;
        var before = user.Status;
        SetPassword(user, input.Password);
        AuditLog.Record(db, Now, actor, user, AuditAction.PasswordSetByAdmin, "Password", before.ToString(), user.Status.ToString())
            .Announce(AccessChangeKind.Password, "Password set by an administrator");
        user.AccessVersion++;
        if (!(await userManager.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return ChangedMeanwhile();
        }
        logger.LogInformation("Password of {UserId} set by {ActorId}; was pending: {WasPending}", user.Id, actorId, wasPending);
        return Result.Ok;
    }

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
                "The current password is not correct.") is { } wrong)
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
                ? Result.Invalid(nameof(input.CurrentPassword), "The current password is not correct.")
                : IdentityErrors.ToResult(changed, nameof(input.Password));
        }
        logger.LogInformation("User {UserId} changed their own password", user.Id);
        return Result.Ok;
    }

    /// <summary>An admin requires (or stops requiring) a new password at the user's next sign-in.</summary>
    public async Task<Result> RequirePasswordChangeAsync(string actorId, string userId, bool required, CancellationToken ct = default)
    {
        var (actor, user) = await LoadAsync(actorId, userId, ct);
        if (user is null)
        {
            return Result.NotFound;
        }
        var refusal = UserAccess.CheckRequirePasswordChange(actor!, user);
        if (refusal is not null)
        {
            return Result.Fail(refusal);
        }
        if (user.MustChangePassword == required)
        {
            return Result.Ok;
        }
        user.MustChangePassword = required;
        var entry = AuditLog.Record(db, Now, actor, user, AuditAction.PasswordChangeRequired, "Change password at next sign-in",
            required ? "Not required" : "Required", required ? "Required" : "Not required");
        if (required)
        {
            entry.Announce(AccessChangeKind.PasswordRequired, "a new password is required");
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Password change at next sign-in for {UserId} set to {Required} by {ActorId}", user.Id, required, actor!.Id);
        return Result.Ok;
    }

    /// <summary>An admin sends a user the Forgot/reset password email.</summary>
    public async Task<Result> SendResetLinkAsync(string actorId, string userId, CancellationToken ct = default)
    {
        var (actor, user) = await LoadAsync(actorId, userId, ct);
        if (user is null)
        {
            return Result.NotFound;
        }
        if (!UserAccess.CanManage(actor!, user))
        {
            return Result.Fail("Only an administrator can send a reset link to another user.");
        }
        if (user.Status != UserStatus.Active)
        {
            return Result.Fail(user.Status == UserStatus.Pending
                ? "This user has no password yet: resend the invitation instead."
                : "This user is inactive: activate them first.");
        }
        await SendResetEmailAsync(user, ct);
        logger.LogInformation("Reset link for {UserId} sent by {ActorId}", user.Id, actorId);
        return Result.Ok;
    }

    /// <summary>Forgot password. Says nothing about whether the email exists; only Active users get a message.</summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken ct = default)
    {
        var user = await userManager.FindByEmailAsync(email.Trim());
        if (user is { Status: UserStatus.Active })
        {
            await SendResetEmailAsync(user, ct, background: true);
            logger.LogInformation("Password reset requested for {UserId}", user.Id);
        }
    }

    public async Task<Result> ResetPasswordAsync(string email, string code, string password, CancellationToken ct = default)
    {
        var user = await userManager.FindByEmailAsync(email.Trim());
        if (user is not { Status: UserStatus.Active })
        {
            return Result.Fail("This reset link is not valid. Request a new one.");
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
                ? Result.Fail("This reset link is not valid or has expired. Request a new one.")
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
        var invalid = await ValidatePasswordAsync(user!, input);
        if (!invalid.Succeeded)
        {
            return Result<HeshUser>.From(invalid);
        }
        SetPassword(user!, input.Password);
        AuditLog.Record(db, Now, null, user!, AuditAction.InvitationAccepted, "Status", UserStatus.Pending.ToString(), UserStatus.Active.ToString());
        if (!(await userManager.UpdateSecurityStampAsync(user!)).Succeeded)
        {
            return Result<HeshUser>.From(ChangedMeanwhile());
        }
        logger.LogInformation("User {UserId} accepted the invitation", user!.Id);
        return Result<HeshUser>.Success(user);
    }

    private async Task<Result> ChangePhotoAsync(string actorId, string userId, byte[]? content, string? contentType, CancellationToken ct)
    {
        var (actor, user) = await LoadAsync(actorId, userId, ct);
        if (user is null)
        {
            return Result.NotFound;
        }
        if (!UserAccess.CanEditProfile(actor!, user))
        {
            return Result.Fail("Only an administrator can change another user's photo.");
        }
        user.Photo = content;
        user.PhotoContentType = contentType;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Photo of {UserId} {Change} by {ActorId}", user.Id, content is null ? "removed" : "uploaded", actorId);
        return Result.Ok;
    }

    private async Task<Result> ValidatePasswordAsync(HeshUser user, NewPasswordInput input)
    {
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return invalid;
        }
        foreach (var validator in userManager.PasswordValidators)
        {
            var outcome = await validator.ValidateAsync(userManager, user, input.Password);
            if (!outcome.Succeeded)
            {
                return IdentityErrors.ToResult(outcome, nameof(input.Password));
            }
        }
        return Result.Ok;
    }

    private void SetPassword(HeshUser user, string password)
    {
        user.PasswordHash = userManager.PasswordHasher.HashPassword(user, password);
        user.Status = UserStatus.Active;
        Invitation.Revoke(user);
    }

    private async Task<(Actor? Actor, HeshUser? User)> LoadAsync(string actorId, string userId, CancellationToken ct)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null)
        {
            return (null, null);
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.CompanyId == actor.CompanyId, ct);
        return user is not null && UserAccess.CanView(actor, user) ? (actor, user) : (actor, null);
    }

    private async Task<Result> SendInvitationAsync(HeshUser user, string token, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == user.CompanyId).Select(c => c.Name).SingleAsync(ct);
        try
        {
            await mailer.SendAsync(EmailTemplates.Invitation(user.Email!, user.FirstName, company, links.Invitation(user.Id, token)), ct);
            return Result.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Invitation email to {UserId} could not be sent", user.Id);
            return Result.Fail("The invitation email could not be sent. Try \"Resend invitation\" later.");
        }
    }

    /// <summary>In the <paramref name="background"/> when the request must answer as fast for an unknown email (forgot password).</summary>
    private async Task SendResetEmailAsync(HeshUser user, CancellationToken ct, bool background = false)
    {
        var code = await userManager.GeneratePasswordResetTokenAsync(user);
        await mailer.SendAsync(EmailTemplates.PasswordReset(user.Email!, user.FirstName, links.PasswordReset(user.Email!, code)) with { Background = background }, ct);
    }

    /// <summary>Another change to the same user committed first (a concurrency token moved): nothing of ours was saved.</summary>
    private Result ChangedMeanwhile()
    {
        db.ChangeTracker.Clear();
        return Result.Fail("This user was changed by someone else at the same moment. Nothing was saved; reload and try again.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

internal static class IdentityErrors
{
    public static Result ToResult(IdentityResult result, string field) =>
        Result.Invalid(field, string.Join(" ", result.Errors.Select(e => e.Description)));
}
