using Hesh.Core.Data;
using Hesh.Core.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users;

/// <summary>The steps the account services share: a new password checked and set, the invitation and reset emails.</summary>
public sealed class AccountWork(
    HeshDbContext db,
    UserManager<HeshUser> userManager,
    IMailer mailer,
    IAppLinks links,
    ILogger<AccountWork> logger)
{
    public async Task<Result> ValidatePasswordAsync(HeshUser user, NewPasswordInput input)
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

    public void SetPassword(HeshUser user, string password)
    {
        user.PasswordHash = userManager.PasswordHasher.HashPassword(user, password);
        user.Status = UserStatus.Active;
        Invitation.Revoke(user);
    }

    public async Task<Result> SendInvitationAsync(HeshUser user, string token, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == user.CompanyId).Select(c => c.Name).SingleAsync(ct);
        try
        {
            await mailer.SendAsync(EmailTemplates.Invitation(user.Email!, user.FirstName, company, links.Invitation(user.Id, token), await db.EmailCultureAsync(user, ct, System.Globalization.CultureInfo.CurrentUICulture.Name)), ct);
            return Result.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Invitation email to {UserId} could not be sent", user.Id);
            return Result.Fail(Messages.Say("The invitation email could not be sent. Try \"Resend invitation\" later."));
        }
    }

    /// <summary>
    /// Invitations for many new users of one company (a batch), after their commit, four at a time; the company name is
    /// read once. Returns how many could not be sent — those users stay Pending and can be re-invited.
    /// </summary>
    public async Task<int> SendInvitationsAsync(IReadOnlyList<(HeshUser User, string Token)> invitations, CancellationToken ct)
    {
        if (invitations.Count == 0)
        {
            return 0;
        }
        var companyId = invitations[0].User.CompanyId;
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Name).SingleAsync(ct);
        var failed = 0;
        var companyLanguage = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.DefaultLanguage).SingleAsync(ct);
        // A few at a time: writing a message (a file, an SMTP exchange) waits on I/O far more than it computes.
        await Parallel.ForEachAsync(invitations, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (invitation, token) =>
        {
            var (user, secret) = invitation;
            try
            {
                await mailer.SendAsync(EmailTemplates.Invitation(user.Email!, user.FirstName, company, links.Invitation(user.Id, secret), EmailLanguage.ForInvitee(user.Language, companyLanguage)), token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref failed);
                logger.LogError(ex, "Invitation email to {UserId} could not be sent", user.Id);
            }
        });
        return failed;
    }

    /// <summary>In the <paramref name="background"/> when the request must answer as fast for an unknown email (forgot password).</summary>
    public async Task SendResetEmailAsync(HeshUser user, CancellationToken ct, bool background = false)
    {
        var code = await userManager.GeneratePasswordResetTokenAsync(user);
        await mailer.SendAsync(EmailTemplates.PasswordReset(user.Email!, user.FirstName, links.PasswordReset(user.Email!, code), await db.EmailCultureAsync(user, ct)) with { Background = background }, ct);
    }

    /// <summary>Another change to the same user committed first (a concurrency token moved): nothing of ours was saved.</summary>
    public Result ChangedMeanwhile()
    {
        db.ChangeTracker.Clear();
        return Result.Fail(Messages.Say("This user was changed by someone else at the same moment. Nothing was saved; reload and try again."));
    }
}

internal static class IdentityErrors
{
    public static Result ToResult(IdentityResult result, string field) =>
        Result.Invalid(field, string.Join(" ", result.Errors.Select(e => e.Description)));
}
