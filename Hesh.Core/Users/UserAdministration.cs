using Hesh.Core.Audit;
using Hesh.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users;

/// <summary>
/// What is done to a user from their page or the Users list: invitation, status, profile, photo and passwords set by an
/// administrator. Each method loads the actor and the target (scoped to the actor's company) through
/// <see cref="CurrentActorLoader"/>, checks <see cref="UserAccess"/>, and only then writes.
/// </summary>
public sealed class UserAdministration(
    HeshDbContext db,
    UserManager<HeshUser> userManager,
    CurrentActorLoader actors,
    AccountWork work,
    TimeProvider clock,
    ILogger<UserAdministration> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<string>> InviteAsync(string actorId, InviteUserInput input, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !UserAccess.CanInvite(actor))
        {
            return Result<string>.From(Result.Fail(Messages.Say("Only an administrator can add users.")));
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return Result<string>.From(invalid);
        }
        var email = input.Email.Trim();
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            return Result<string>.From(Result.Invalid(nameof(input.Email), Messages.Say("A user with this email already exists.")));
        }
        if (input.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d && x.CompanyId == actor.CompanyId, ct))
        {
            return Result<string>.From(Result.Invalid(nameof(input.DepartmentId), Messages.Say("This department does not exist.")));
        }
        if (input.PositionId is { } p && !await db.Positions.AnyAsync(x => x.Id == p && x.CompanyId == actor.CompanyId, ct))
        {
            return Result<string>.From(Result.Invalid(nameof(input.PositionId), Messages.Say("This position does not exist.")));
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
        var sent = await work.SendInvitationAsync(user, token, ct);
        return sent.Succeeded ? Result<string>.Success(user.Id) : Result<string>.From(sent) with { Value = user.Id };
    }

    public async Task<Result> ResendInvitationAsync(string actorId, string userId, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result.NotFound;
        }
        var refusal = UserAccess.CheckStatusAction(actor, user, StatusAction.ResendInvitation);
        if (refusal is not null)
        {
            return Result.Fail(refusal);
        }
        var token = Invitation.Issue(user, Now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Invitation of {UserId} resent by {ActorId}", user.Id, actorId);
        return await work.SendInvitationAsync(user, token, ct);
    }

    public async Task<Result> ApplyStatusActionAsync(string actorId, string userId, StatusAction action, CancellationToken ct = default)
    {
        if (action == StatusAction.ResendInvitation)
        {
            return await ResendInvitationAsync(actorId, userId, ct);
        }
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result.NotFound;
        }
        var refusal = UserAccess.CheckStatusAction(actor, user, action);
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
            return work.ChangedMeanwhile();
        }
        logger.LogInformation("User {UserId} status {Before} -> {After} by {ActorId}", user.Id, before, user.Status, actorId);
        return Result.Ok;
    }

    public async Task<Result> UpdateProfileAsync(string actorId, string userId, EditProfileInput input, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result.NotFound;
        }
        if (!UserAccess.CanEditProfile(actor, user))
        {
            return Result.Fail(Messages.Say("Only an administrator can edit another user's information."));
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
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result.NotFound;
        }
        if (user.Id == actor.Id)
        {
            return Result.Fail(Messages.Say("Change your own password with your current password."));
        }
        var refusal = UserAccess.CheckSetPassword(actor, user);
        if (refusal is not null)
        {
            return Result.Fail(refusal);
        }
        var invalid = await work.ValidatePasswordAsync(user, input);
        if (!invalid.Succeeded)
        {
            return invalid;
        }
        var wasPending = user.Status == UserStatus.Pending;
        var before = user.Status;
        work.SetPassword(user, input.Password);
        AuditLog.Record(db, Now, actor, user, AuditAction.PasswordSetByAdmin, "Password", before.ToString(), user.Status.ToString())
            .Announce(AccessChangeKind.Password, "Password set by an administrator");
        user.AccessVersion++;
        if (!(await userManager.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return work.ChangedMeanwhile();
        }
        logger.LogInformation("Password of {UserId} set by {ActorId}; was pending: {WasPending}", user.Id, actorId, wasPending);
        return Result.Ok;
    }

    /// <summary>An admin requires (or stops requiring) a new password at the user's next sign-in.</summary>
    public async Task<Result> RequirePasswordChangeAsync(string actorId, string userId, bool required, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result.NotFound;
        }
        var refusal = UserAccess.CheckRequirePasswordChange(actor, user);
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
        logger.LogInformation("Password change at next sign-in for {UserId} set to {Required} by {ActorId}", user.Id, required, actor.Id);
        return Result.Ok;
    }

    /// <summary>An admin sends a user the Forgot/reset password email.</summary>
    public async Task<Result> SendResetLinkAsync(string actorId, string userId, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result.NotFound;
        }
        if (!UserAccess.CanManage(actor, user))
        {
            return Result.Fail(Messages.Say("Only an administrator can send a reset link to another user."));
        }
        if (user.Status != UserStatus.Active)
        {
            return Result.Fail(user.Status == UserStatus.Pending
                ? Messages.Say("This user has no password yet: resend the invitation instead.")
                : Messages.Say("This user is inactive: activate them first."));
        }
        await work.SendResetEmailAsync(user, ct);
        logger.LogInformation("Reset link for {UserId} sent by {ActorId}", user.Id, actorId);
        return Result.Ok;
    }

    private async Task<Result> ChangePhotoAsync(string actorId, string userId, byte[]? content, string? contentType, CancellationToken ct)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result.NotFound;
        }
        if (!UserAccess.CanEditProfile(actor, user))
        {
            return Result.Fail(Messages.Say("Only an administrator can change another user's photo."));
        }
        user.Photo = content;
        user.PhotoContentType = contentType;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Photo of {UserId} {Change} by {ActorId}", user.Id, content is null ? "removed" : "uploaded", actorId);
        return Result.Ok;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
