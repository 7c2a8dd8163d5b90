using Hesh.Core.Data;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Companies;

/// <summary>Sign-up creates a company and its first user: Company owner, System owner, Admin, Active.</summary>
public sealed class SignUpService(HeshDbContext db, UserManager<HeshUser> userManager, TimeProvider clock, ILogger<SignUpService> logger)
{
    public async Task<Result<HeshUser>> SignUpAsync(SignUpInput input, CancellationToken ct = default)
    {
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return Result<HeshUser>.From(invalid);
        }
        var email = input.Email.Trim();
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            return Result<HeshUser>.From(Result.Invalid(nameof(input.Email), "An account with this email already exists. Sign in instead."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var company = new Company { Name = input.CompanyName.Trim(), CreatedAt = now };
        db.Companies.Add(company);
        await db.SaveChangesAsync(ct);

        var owner = new HeshUser
        {
            // Company set, not only its id: the password validator reads the name from here.
            UserName = email, Email = email, EmailConfirmed = true, CompanyId = company.Id, Company = company,
            FirstName = input.FirstName.Trim(), LastName = input.LastName.Trim(),
            Status = UserStatus.Active, IsAdmin = true, IsOwner = true, CreatedAt = now,
        };
        var created = await userManager.CreateAsync(owner, input.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Result<HeshUser>.From(IdentityErrors.ToResult(created, nameof(input.Password)));
        }
        await transaction.CommitAsync(ct);
        logger.LogInformation("Company {CompanyId} signed up with owner {UserId}", company.Id, owner.Id);
        return Result<HeshUser>.Success(owner);
    }
}
