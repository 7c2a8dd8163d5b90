using Hesh.Core.Data;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Companies;

/// <summary>
/// Creates a company and its first user: Company owner, System owner, Admin, Active. The sign-up page does not call
/// it directly: it goes through <see cref="SignUpRequests"/>, which proves the email first.
/// </summary>
public sealed class SignUpService(HeshDbContext db, UserManager<HeshUser> userManager, TimeProvider clock, ILogger<SignUpService> logger)
{
    public static string EmailTaken => Messages.Say("An account with this email already exists. Sign in instead.");

    /// <summary>At once, with a password (the demo data, tests and benches).</summary>
    public async Task<Result<HeshUser>> SignUpAsync(SignUpInput input, CancellationToken ct = default)
    {
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return Result<HeshUser>.From(invalid);
        }
        return await CreateAsync(input.CompanyName, input.FirstName, input.LastName, input.Email,
            owner => userManager.CreateAsync(owner, input.Password), ct, input.TimeZone);
    }

    /// <summary>From a sign-up link its owner opened: the password was checked and hashed when the link was asked for.</summary>
    public Task<Result<HeshUser>> SignUpAsync(SignUpDraft draft, CancellationToken ct = default) =>
        CreateAsync(draft.CompanyName, draft.FirstName, draft.LastName, draft.Email, owner =>
        {
            owner.PasswordHash = draft.PasswordHash;
            return userManager.CreateAsync(owner);
        }, ct, draft.TimeZone);

    private async Task<Result<HeshUser>> CreateAsync(string companyName, string firstName, string lastName, string email,
        Func<HeshUser, Task<IdentityResult>> create, CancellationToken ct, string? timeZone = null)
    {
        email = email.Trim();
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            return Result<HeshUser>.From(Result.Invalid(nameof(SignUpInput.Email), EmailTaken));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var company = new Company { Name = companyName.Trim(), CreatedAt = now, KeyAbbreviation = KeyAbbreviations.FromName(companyName),
            TimeZone = Hesh.Core.Preferences.TimeZones.Find(timeZone)?.Id ?? Hesh.Core.Preferences.TimeZones.Utc };
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);

        var owner = new HeshUser
        {
            // Company set, not only its id: the password validator reads the name from here.
            UserName = email, Email = email, EmailConfirmed = true, CompanyId = company.Id, Company = company,
            FirstName = firstName.Trim(), LastName = lastName.Trim(),
            Status = UserStatus.Active, IsAdmin = true, IsOwner = true, CreatedAt = now,
        };
        var created = await create(owner);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Result<HeshUser>.From(IdentityErrors.ToResult(created, nameof(SignUpInput.Password)));
        }
        await transaction.CommitAsync(ct);
        logger.LogInformation("Company {CompanyId} signed up with owner {UserId}", company.Id, owner.Id);
        return Result<HeshUser>.Success(owner);
    }
}
