using System.ComponentModel.DataAnnotations;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Companies;

public sealed class CompanyProfileInput
{
    [Required(ErrorMessage = "Company name is required.")]
    [StringLength(Company.NameMaxLength, ErrorMessage = "Company name must be at most {1} characters.")]
    [CompanyName]
    [Display(Name = "Company name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Currency is required.")]
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Currency must be a three-letter ISO code, such as EUR or USD.")]
    public string Currency { get; set; } = "USD";

    [Required(ErrorMessage = "Key abbreviation is required.")]
    [RegularExpression("^[A-Z]{2,5}$", ErrorMessage = "Key abbreviation must be 2 to 5 capital letters, such as DW.")]
    [Display(Name = "Key abbreviation")]
    public string KeyAbbreviation { get; set; } = "";
}

public sealed record CompanyProfile(Guid Id, string Name, string Currency, string KeyAbbreviation, string? LogoDataUrl);

/// <summary>The company profile, guarded by "Company profile" (admins hold it too).</summary>
public sealed class CompanyService(HeshDbContext db, CurrentActorLoader actors, ILogger<CompanyService> logger)
{
    public static readonly IReadOnlyList<string> Currencies = ["USD", "EUR", "GBP", "PLN", "CZK", "UAH", "CHF", "SEK", "NOK", "DKK", "CAD", "AUD"];

    public async Task<CompanyProfile?> GetAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.CompanyProfile))
        {
            return null;
        }
        var c = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == actor.CompanyId, ct);
        return new CompanyProfile(c.Id, c.Name, c.Currency, c.KeyAbbreviation,
            c.Logo is null ? null : $"data:{c.LogoContentType};base64,{Convert.ToBase64String(c.Logo)}");
    }

    public async Task<Result> UpdateAsync(string actorId, CompanyProfileInput input, CancellationToken ct = default)
    {
        var (company, refusal) = await LoadAsync(actorId, ct);
        if (company is null)
        {
            return refusal!;
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return invalid;
        }
        company.Name = input.Name.Trim();
        company.Currency = input.Currency;
        company.KeyAbbreviation = input.KeyAbbreviation;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Company profile {CompanyId} updated by {ActorId}", company.Id, actorId);
        return Result.Ok;
    }

    public async Task<Result> SetLogoAsync(string actorId, byte[]? content, CancellationToken ct = default)
    {
        string? type = null;
        if (content is not null)
        {
            var checkedLogo = UserPhoto.Check(content);
            if (!checkedLogo.Succeeded)
            {
                return Result.Invalid("Logo", checkedLogo.FieldErrors.Values.First().Replace("photo", "logo", StringComparison.Ordinal));
            }
            type = checkedLogo.Value;
        }
        var (company, refusal) = await LoadAsync(actorId, ct);
        if (company is null)
        {
            return refusal!;
        }
        company.Logo = content;
        company.LogoContentType = type;
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    private async Task<(Company?, Result?)> LoadAsync(string actorId, CancellationToken ct)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.CompanyProfile))
        {
            return (null, Result.Fail("You need the \"Company profile\" permission to change the company profile."));
        }
        return (await db.Companies.SingleAsync(c => c.Id == actor.CompanyId, ct), null);
    }
}
