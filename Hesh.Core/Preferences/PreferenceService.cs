using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Preferences;

/// <summary>A person's own choices; null Language or TimeZone means "follow the company".</summary>
public sealed record PersonalPreferences(string? Language, string? TimeZone, Theme Theme);

/// <summary>What My profile shows: the person's choices and what "follow the company" currently means.</summary>
public sealed record MyPreferences(PersonalPreferences Mine, string? CompanyLanguage, string CompanyTimeZone);

/// <summary>The company's defaults; null DefaultLanguage means "follow each browser".</summary>
public sealed record CompanyPreferences(string? DefaultLanguage, string TimeZone);

/// <summary>
/// Language, time zone and theme. A person changes only their own; the company's defaults need "Company profile", as
/// the rest of the Company profile does, and are audited like it. An unknown code or zone is refused, never stored:
/// what is stored is always one that <see cref="Languages"/> and <see cref="TimeZones"/> resolve.
/// </summary>
public sealed class PreferenceService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, ILogger<PreferenceService> logger)
{
    public static string UnknownLanguage => Messages.Say("Choose English or Українська, or follow the company's default.");
    public static string UnknownCompanyLanguage => Messages.Say("Choose English or Українська, or follow each person's browser.");
    public static string UnknownTimeZone => Messages.Say("This time zone is not known. Choose one from the list, such as Europe/Kyiv.");
    public static string UnknownTheme => Messages.Say("Choose Light, Dark or Follow the system.");
    public static string OnlyYourOwn => Messages.Say("You can change only your own preferences.");
    public static string NotActive => Messages.Say("Only an active account can change its preferences.");
    public static string NeedsCompanyProfile => Messages.Say("You need the \"Company profile\" permission to change the company's language and time zone.");

    public async Task<MyPreferences?> GetMineAsync(string actorId, CancellationToken ct = default)
    {
        var row = await db.Users.AsNoTracking().Where(u => u.Id == actorId)
            .Select(u => new { u.Language, u.TimeZone, u.Theme, CompanyLanguage = u.Company!.DefaultLanguage, CompanyZone = u.Company.TimeZone })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : new MyPreferences(
            new PersonalPreferences(Languages.Normalize(row.Language), TimeZones.Find(row.TimeZone)?.Id, Enum.IsDefined(row.Theme) ? row.Theme : Theme.System),
            Languages.Normalize(row.CompanyLanguage), TimeZones.Find(row.CompanyZone)?.Id ?? TimeZones.Utc);
    }

    /// <summary>Sets <paramref name="userId"/>'s preferences; only the person themself may, whatever their rights.</summary>
    public async Task<Result> SetMineAsync(string actorId, string userId, PersonalPreferences input, CancellationToken ct = default)
    {
        var pair = await actors.LoadWithTargetAsync(actorId, userId, track: true, ct);
        if (pair is null)
        {
            return Result.NotFound;
        }
        if (pair.Actor.Id != pair.Target.Id)
        {
            return Result.Fail(OnlyYourOwn);
        }
        if (pair.Actor.Status != UserStatus.Active)
        {
            return Result.Fail(NotActive);
        }
        if (Check(input.Language, UnknownLanguage, input.TimeZone, out var language, out var zone) is { } refused)
        {
            return refused;
        }
        if (!Enum.IsDefined(input.Theme))
        {
            return Result.Invalid(nameof(PersonalPreferences.Theme), UnknownTheme);
        }
        pair.Target.Language = language;
        pair.Target.TimeZone = zone;
        pair.Target.Theme = input.Theme;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Preferences of {UserId} set: language {Language}, time zone {TimeZone}, theme {Theme}", userId, language ?? "company", zone ?? "company", input.Theme);
        return Result.Ok;
    }

    public async Task<CompanyPreferences?> GetCompanyAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.CompanyProfile))
        {
            return null;
        }
        var c = await db.Companies.AsNoTracking().Where(c => c.Id == actor.CompanyId).Select(c => new { c.DefaultLanguage, c.TimeZone }).SingleAsync(ct);
        return new CompanyPreferences(Languages.Normalize(c.DefaultLanguage), TimeZones.Find(c.TimeZone)?.Id ?? TimeZones.Utc);
    }

    public async Task<Result> SetCompanyAsync(string actorId, CompanyPreferences input, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !actor.Has(PermissionKey.CompanyProfile))
        {
            return Result.Fail(NeedsCompanyProfile);
        }
        if (input.TimeZone is null)
        {
            return Result.Invalid(nameof(CompanyPreferences.TimeZone), UnknownTimeZone);
        }
        if (Check(input.DefaultLanguage, UnknownCompanyLanguage, input.TimeZone, out var language, out var zone) is { } refused)
        {
            return refused;
        }
        var company = await db.Companies.SingleAsync(c => c.Id == actor.CompanyId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (Languages.Normalize(company.DefaultLanguage) != language)
        {
            AuditLog.Record(db, now, actor, company.Id.ToString(), company.Name, AuditAction.CompanyProfileChanged, "Default language",
                NameOf(company.DefaultLanguage), NameOf(language));
        }
        if (company.TimeZone != zone)
        {
            AuditLog.Record(db, now, actor, company.Id.ToString(), company.Name, AuditAction.CompanyProfileChanged, "Time zone", company.TimeZone, zone!);
        }
        company.DefaultLanguage = language;
        company.TimeZone = zone!;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Company {CompanyId} defaults set by {ActorId}: language {Language}, time zone {TimeZone}", company.Id, actorId, language ?? "browser", zone);
        return Result.Ok;
    }

    /// <summary>The language's name as the audit log shows it.</summary>
    public static string NameOf(string? language) => Languages.Normalize(language) switch
    {
        Languages.English => "English",
        Languages.Ukrainian => "Українська",
        _ => Messages.Say("Browser's language"),
    };

    /// <summary>Null or blank is "no choice"; anything else must be a supported code or a known IANA zone.</summary>
    private static Result? Check(string? languageInput, string languageMessage, string? zoneInput, out string? language, out string? zone)
    {
        language = null;
        zone = null;
        if (!string.IsNullOrWhiteSpace(languageInput))
        {
            // Only the exact codes the pickers offer: "uk-UA" or "EN" would be a forged form, not a choice.
            language = Languages.Supported.Contains(languageInput) ? languageInput : null;
            if (language is null)
            {
                return Result.Invalid("Language", languageMessage);
            }
        }
        if (!string.IsNullOrWhiteSpace(zoneInput))
        {
            zone = TimeZones.Find(zoneInput)?.Id;
            if (zone is null)
            {
                return Result.Invalid("TimeZone", UnknownTimeZone);
            }
        }
        return null;
    }
}
