using System.ComponentModel.DataAnnotations;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Companies;

public sealed class CompanyProfileInput
{
    [Required(ErrorMessageResourceType = typeof(CompanyInputTexts), ErrorMessageResourceName = nameof(CompanyInputTexts.CompanyNameIsRequired))]
    [StringLength(Company.NameMaxLength, ErrorMessageResourceType = typeof(CompanyInputTexts), ErrorMessageResourceName = nameof(CompanyInputTexts.CompanyNameMustBeAtMost1Characters))]
    [CompanyName]
    [Display(Name = nameof(CompanyInputTexts.CompanyName), ResourceType = typeof(CompanyInputTexts))]
    public string Name { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(CompanyInputTexts), ErrorMessageResourceName = nameof(CompanyInputTexts.CurrencyIsRequired))]
    [RegularExpression("^[A-Z]{3}$", ErrorMessageResourceType = typeof(CompanyInputTexts), ErrorMessageResourceName = nameof(CompanyInputTexts.CurrencyMustBeAThreeLetterISOCodeSuchAsEUROrUSD))]
    public string Currency { get; set; } = "USD";

    [Required(ErrorMessageResourceType = typeof(CompanyInputTexts), ErrorMessageResourceName = nameof(CompanyInputTexts.KeyAbbreviationIsRequired))]
    [RegularExpression("^[A-Z]{2,5}$", ErrorMessageResourceType = typeof(CompanyInputTexts), ErrorMessageResourceName = nameof(CompanyInputTexts.KeyAbbreviationMustBe2To5CapitalLettersSuchAsDW))]
    [Display(Name = nameof(CompanyInputTexts.KeyAbbreviation), ResourceType = typeof(CompanyInputTexts))]
    public string KeyAbbreviation { get; set; } = "";
}

public sealed record CompanyProfile(Guid Id, string Name, string Currency, string KeyAbbreviation, string? LogoDataUrl);

/// <summary>
/// The company profile, guarded by "Company profile" (admins hold it too). Each changed field is written to the audit
/// log in the same commit, one entry a field, so the log says exactly what changed.
/// </summary>
public sealed class CompanyService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, ILogger<CompanyService> logger)
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
        var (actor, company, refusal) = await LoadAsync(actorId, ct);
        if (company is null)
        {
            return refusal!;
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return invalid;
        }
        var name = input.Name.Trim();
        Audit(actor!, company, name, "Company name", company.Name, name);
        Audit(actor!, company, name, "Currency", company.Currency, input.Currency);
        Audit(actor!, company, name, "Key abbreviation", company.KeyAbbreviation, input.KeyAbbreviation);
        company.Name = name;
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
            var checkedLogo = UserPhoto.Check(content, logo: true);
            if (!checkedLogo.Succeeded)
            {
                return Result.Invalid("Logo", checkedLogo.FieldErrors.Values.First());
            }
            type = checkedLogo.Value;
        }
        var (actor, company, refusal) = await LoadAsync(actorId, ct);
        if (company is null)
        {
            return refusal!;
        }
        if (company.Logo is not null || content is not null)
        {
            AuditLog.Record(db, clock.GetUtcNow().UtcDateTime, actor!, company.Id.ToString(), company.Name, AuditAction.CompanyLogoChanged, "Logo",
                company.Logo is null ? "none" : "a logo", content is null ? "none" : "a new logo");
        }
        company.Logo = content;
        company.LogoContentType = type;
        await db.SaveChangesAsync(ct);
        return Result.Ok;
    }

    /// <summary>Whether new access requests are emailed to those who may answer them; null without "Company profile".</summary>
    public async Task<bool?> GetEmailAccessRequestsAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        return actor is null || !actor.Has(PermissionKey.CompanyProfile)
            ? null
            : await db.Companies.AsNoTracking().Where(c => c.Id == actor.CompanyId).Select(c => c.EmailAccessRequests).SingleAsync(ct);
    }

    public async Task<Result> SetEmailAccessRequestsAsync(string actorId, bool on, CancellationToken ct = default)
    {
        var (actor, company, refusal) = await LoadAsync(actorId, ct);
        if (company is null)
        {
            return refusal!;
        }
        if (company.EmailAccessRequests == on)
        {
            return Result.Ok;
        }
        Audit(actor!, company, company.Name, "Access request emails", company.EmailAccessRequests ? "On" : "Off", on ? "On" : "Off");
        company.EmailAccessRequests = on;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Access request emails of {CompanyId} set to {On} by {ActorId}", company.Id, on, actorId);
        return Result.Ok;
    }

    private void Audit(Actor actor, Company company, string subjectName, string what, string before, string after)
    {
        if (before != after)
        {
            AuditLog.Record(db, clock.GetUtcNow().UtcDateTime, actor, company.Id.ToString(), subjectName, AuditAction.CompanyProfileChanged, what, before, after);
        }
    }

    private async Task<(Actor?, Company?, Result?)> LoadAsync(string actorId, CancellationToken ct)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.CompanyProfile))
        {
            return (null, null, Result.Fail(Messages.Say("You need the \"Company profile\" permission to change the company profile.")));
        }
        return (actor, await db.Companies.SingleAsync(c => c.Id == actor.CompanyId, ct), null);
    }
}

/// <summary>
/// The validation messages and field names of these inputs in the reader's language. DataAnnotations reads them by
/// name each time it validates, so each reader gets their own.
/// </summary>
public static class CompanyInputTexts
{
    public static string CompanyNameIsRequired => Messages.Say("Company name is required.");
    public static string CompanyNameMustBeAtMost1Characters => Messages.Say("Company name must be at most {1} characters.");
    public static string CurrencyIsRequired => Messages.Say("Currency is required.");
    public static string CurrencyMustBeAThreeLetterISOCodeSuchAsEUROrUSD => Messages.Say("Currency must be a three-letter ISO code, such as EUR or USD.");
    public static string KeyAbbreviationIsRequired => Messages.Say("Key abbreviation is required.");
    public static string KeyAbbreviationMustBe2To5CapitalLettersSuchAsDW => Messages.Say("Key abbreviation must be 2 to 5 capital letters, such as DW.");
    public static string CompanyName => Messages.Say("Company name");
    public static string KeyAbbreviation => Messages.Say("Key abbreviation");
}
