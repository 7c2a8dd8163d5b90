using Hesh.Core.Common;
using Hesh.Core.Email;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Companies;

/// <summary>What a sign-up link carries until its owner opens it; nothing is stored before the email is proven.</summary>
public sealed record SignUpDraft(string CompanyName, string FirstName, string LastName, string Email, string PasswordHash, string? TimeZone = null);

/// <summary>Turns a draft into a link token and back: unreadable, tamper-proof, and dead after <see cref="SignUpRequests.LinkLifetime"/>.</summary>
public interface ISignUpSeal
{
    string Seal(SignUpDraft draft);

    /// <summary>Null when the token was not made here, was changed, or has expired.</summary>
    SignUpDraft? Open(string token);
}

/// <summary>
/// The sign-up page. Telling someone "an account with this email already exists" tells anyone which emails have
/// accounts, so every valid request gets the same answer — check your email — in the same time: a free email
/// receives a link that creates the company when opened; a taken one receives a note for its owner instead.
/// Invalid input (a bad name, a weak password) is refused first, the same way whichever the email. Both mails are
/// sent after the answer, so a slow mail server makes neither answer slower.
/// </summary>
public sealed class SignUpRequests(SignUpService signUps, UserManager<HeshUser> userManager, ISignUpSeal seal, IMailer mailer,
    IAppLinks links, ILogger<SignUpRequests> logger)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    public async Task<Result> RequestAsync(SignUpInput input, CancellationToken ct = default)
    {
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return invalid;
        }
        var email = input.Email.Trim();
        // The company is not created yet; set on the owner so the password rules see its name (no "Acme2024!" for Acme).
        var owner = new HeshUser
        {
            UserName = email, Email = email, FirstName = input.FirstName.Trim(), LastName = input.LastName.Trim(),
            Company = new Company { Name = input.CompanyName.Trim() },
        };
        if (await WeakPasswordAsync(owner, input.Password) is { } weak)
        {
            return weak;
        }
        // Hashed whichever the email, so that a taken one costs what a free one does.
        var hash = userManager.PasswordHasher.HashPassword(owner, input.Password);
        if (await userManager.FindByEmailAsync(email) is { } existing)
        {
            await mailer.SendAsync(EmailTemplates.SignUpWithExistingEmail(existing.Email!, existing.FirstName, links.SignIn()) with { Background = true }, ct);
            logger.LogInformation("Sign-up asked for with the email of {UserId}: its owner was told instead", existing.Id);
            return Result.Ok;
        }
        var company = input.CompanyName.Trim();
        var token = seal.Seal(new SignUpDraft(company, owner.FirstName, owner.LastName, email, hash, Hesh.Core.Preferences.TimeZones.Find(input.TimeZone)?.Id));
        await mailer.SendAsync(EmailTemplates.SignUpConfirmation(email, owner.FirstName, company, links.SignUpConfirmation(token)) with { Background = true }, ct);
        logger.LogInformation("Sign-up link sent for a new company");
        return Result.Ok;
    }

    /// <summary>The draft a link carries, to show what opening it will create; null when the link is not valid.</summary>
    public SignUpDraft? Read(string? token) => string.IsNullOrEmpty(token) ? null : seal.Open(token);

    /// <summary>Creates the company the link describes. A second use finds the email taken and creates nothing.</summary>
    public async Task<Result<HeshUser>> ConfirmAsync(string? token, CancellationToken ct = default) =>
        Read(token) is { } draft
            ? await signUps.SignUpAsync(draft, ct)
            : Result<HeshUser>.From(Result.Fail(Messages.Say("This link is not valid or has expired. Sign up again.")));

    /// <summary>The password rules, without the account rules (those would tell whether the email is taken).</summary>
    private async Task<Result?> WeakPasswordAsync(HeshUser owner, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in userManager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(userManager, owner, password);
            errors.AddRange(result.Errors);
        }
        return errors.Count == 0 ? null : IdentityErrors.ToResult(IdentityResult.Failed([.. errors]), nameof(SignUpInput.Password));
    }
}
