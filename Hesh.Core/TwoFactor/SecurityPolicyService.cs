using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Email;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.TwoFactor;

/// <summary>The company's sign-in policy as the Company profile shows it.</summary>
public sealed record SecurityPolicyView(
    Guid CompanyId,
    TwoFactorPolicy Policy,
    int GraceDays,
    DateTime? RequiredSince,
    DateTime? Deadline,
    bool CanEdit,
    int Covered,
    int CoveredWithoutSecondFactor);

/// <summary>
/// "Two-factor sign-in: Optional · Required for administrators · Required for everyone", with a grace period.
/// Owner and admins change it; whoever it newly covers and who has no second factor yet is emailed and told live.
/// </summary>
public sealed class SecurityPolicyService(
    HeshDbContext db,
    CurrentActorLoader actors,
    TimeProvider clock,
    IMailer mailer,
    IAppLinks links,
    ILogger<SecurityPolicyService> logger)
{
    public const int MaxGraceDays = 90;
    public const int DefaultGraceDays = 7;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string Describe(TwoFactorPolicy policy) => policy switch
    {
        TwoFactorPolicy.RequiredForAdministrators => "Required for administrators",
        TwoFactorPolicy.RequiredForEveryone => "Required for everyone",
        _ => "Optional",
    };

    /// <summary>The policy in the reader's language, for screens (<see cref="Describe"/> stays the audit log's English).</summary>
    public static string Name(TwoFactorPolicy policy) => policy switch
    {
        TwoFactorPolicy.RequiredForAdministrators => Messages.Say("Required for administrators"),
        TwoFactorPolicy.RequiredForEveryone => Messages.Say("Required for everyone"),
        _ => Messages.Say("Optional"),
    };

    public async Task<SecurityPolicyView?> GetAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || actor.Status != UserStatus.Active || !(actor.IsAdmin || actor.Has(Permissions.PermissionKey.CompanyProfile)))
        {
            return null;
        }
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == actor.CompanyId, ct);
        var covered = await CoveredAsync(company.Id, company.TwoFactorPolicy, ct);
        var without = covered.Count(u => !u.HasSecondFactor);
        DateTime? deadline = company.TwoFactorPolicy == TwoFactorPolicy.Optional ? null
            : (company.TwoFactorRequiredSince ?? Now).AddDays(company.TwoFactorGraceDays);
        return new SecurityPolicyView(company.Id, company.TwoFactorPolicy, company.TwoFactorGraceDays, company.TwoFactorRequiredSince, deadline,
            actor.IsAdmin, covered.Count, without);
    }

    public async Task<Result> SetAsync(string actorId, TwoFactorPolicy policy, int graceDays, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || actor.Status != UserStatus.Active || !actor.IsAdmin)
        {
            return Result.Fail(Messages.Say("Only the company owner and administrators can change the sign-in policy."));
        }
        if (!Enum.IsDefined(policy))
        {
            return Result.Invalid("Policy", Messages.Say("Choose Optional, Required for administrators or Required for everyone."));
        }
        if (graceDays is < 0 or > MaxGraceDays)
        {
            return Result.Invalid("GraceDays", Messages.Say("The grace period is 0 to {0} days.", MaxGraceDays));
        }
        var company = await db.Companies.SingleAsync(c => c.Id == actor.CompanyId, ct);
        if (company.TwoFactorPolicy == policy && company.TwoFactorGraceDays == graceDays)
        {
            return Result.Ok;
        }
        var before = await CoveredAsync(company.Id, company.TwoFactorPolicy, ct);
        var after = await CoveredAsync(company.Id, policy, ct);
        var newlyCovered = after.Where(u => !u.HasSecondFactor && before.All(b => b.Id != u.Id)).ToList();
        // Whoever made the change sees it on the page; only the others are told.
        var toTell = newlyCovered.Where(u => u.Id != actor.Id).ToList();
        var was = $"{Describe(company.TwoFactorPolicy)}, {company.TwoFactorGraceDays} days' grace";

        // The grace period starts when someone is first asked: widening the policy restarts it, a new length alone does not.
        if (newlyCovered.Count > 0 || (company.TwoFactorPolicy == TwoFactorPolicy.Optional && policy != TwoFactorPolicy.Optional))
        {
            company.TwoFactorRequiredSince = Now;
        }
        if (policy == TwoFactorPolicy.Optional)
        {
            company.TwoFactorRequiredSince = null;
        }
        company.TwoFactorPolicy = policy;
        company.TwoFactorGraceDays = graceDays;
        var self = await db.Users.SingleAsync(u => u.Id == actor.Id, ct);
        var entry = AuditLog.Record(db, Now, actor, self, AuditAction.TwoFactorPolicyChanged, "Two-factor sign-in policy", was, $"{Describe(policy)}, {graceDays} days' grace")
            .AnnounceToCompany(AccessChangeKind.TwoFactor, $"two-factor sign-in: {Describe(policy)}");
        foreach (var user in toTell)
        {
            entry.Announce(AccessChangeKind.TwoFactor, $"{company.Name} now requires two-factor sign-in: set it up within {graceDays} days", to: user.Id);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Two-factor policy of {CompanyId} set to {Policy} ({GraceDays} days) by {ActorId}; {Count} newly asked",
            company.Id, policy, graceDays, actor.Id, newlyCovered.Count);

        var whom = policy == TwoFactorPolicy.RequiredForEveryone ? "everyone" : "administrators";
        foreach (var user in toTell)
        {
            await mailer.SendAsync(TwoFactorEmails.Required(user.Email, user.FirstName, company.Name, whom, graceDays, links.SignIn(), EmailLanguage.For(user.Language, company.DefaultLanguage)), ct);
        }
        return Result.Ok;
    }

    private sealed record CoveredUser(string Id, string Email, string FirstName, bool HasSecondFactor, string? Language = null);

    /// <summary>Active and pending people the policy asks for a second factor (the inactive cannot sign in anyway).</summary>
    private async Task<List<CoveredUser>> CoveredAsync(Guid companyId, TwoFactorPolicy policy, CancellationToken ct)
    {
        if (policy == TwoFactorPolicy.Optional)
        {
            return [];
        }
        var everyone = policy == TwoFactorPolicy.RequiredForEveryone;
        return await db.Users.AsNoTracking()
            .Where(u => u.CompanyId == companyId && u.Status != UserStatus.Inactive && (everyone || u.IsAdmin || u.IsOwner))
            .Select(u => new CoveredUser(u.Id, u.Email!, u.FirstName, u.TwoFactorEnabled || db.UserPasskeys.Any(p => p.UserId == u.Id), u.Language))
            .ToListAsync(ct);
    }
}
