using Hesh.Core.Audit;
using Hesh.Core.Email;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Companies;

/// <summary>
/// Transfers the company's ownership: only the owner, to another Active user, after re-entering their password.
/// One transaction moves the flag only if the actor is still the owner, and the unique index refuses a second
/// owner, so concurrent transfers can never end with two owners or none.
/// </summary>
public sealed class OwnershipService(HeshDbContext db, UserManager<HeshUser> userManager, CurrentActorLoader actors,
    TimeProvider clock, IMailer mailer, IAppLinks links, SignIns.SignInHistory signIns,
    ILogger<OwnershipService> logger)
{
    public async Task<Result> TransferAsync(string actorId, string newOwnerId, string password, CancellationToken ct = default)
    {
        if (await actors.LoadWithTargetAsync(actorId, newOwnerId, ct: ct) is not (var actor, var target))
        {
            return Result.NotFound;
        }
        var refusal = GrantRules.CheckTransfer(actor, Member.Of(target));
        if (refusal is not null)
        {
            return Result.Fail(refusal.Message);
        }
        var owner = await userManager.FindByIdAsync(actor.Id);
        if (owner is null)
        {
            return Result.NotFound;
        }
        if (await Reauthentication.CheckAsync(userManager, signIns, owner, password, "Password") is { } wrong)
        {
            return wrong;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var released = await db.Users.Where(u => u.Id == actor.Id && u.CompanyId == actor.CompanyId && u.IsOwner)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsOwner, false).SetProperty(u => u.AccessVersion, u => u.AccessVersion + 1), ct);
            if (released != 1)
            {
                return Result.Fail(Messages.Say("You are no longer the owner of this company."));
            }
            var taken = await db.Users.Where(u => u.Id == target.Id && u.CompanyId == actor.CompanyId && u.Status == UserStatus.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsOwner, true).SetProperty(u => u.IsAdmin, true)
                    .SetProperty(u => u.AccessVersion, u => u.AccessVersion + 1), ct);
            if (taken != 1)
            {
                await transaction.RollbackAsync(ct);
                return Result.Fail(Refusal.TransferToActiveOther.Message);
            }
            // One entry in each user's history: the new owner's, and the former owner's.
            AuditLog.Record(db, now, actor, target, AuditAction.OwnershipTransferred, "Company owner", actor.Name, target.FullName, ChangeSource.Ownership)
                .Announce(AccessChangeKind.Ownership, "You are now the Company owner");
            AuditLog.Record(db, now, actor, owner, AuditAction.OwnershipTransferred, "Company owner", actor.Name, target.FullName, ChangeSource.Ownership)
                .Announce(AccessChangeKind.Ownership, $"Ownership transferred to {target.FullName}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Ownership transfer by {ActorId} refused by the database", actor.Id);
            return Result.Fail(Messages.Say("Ownership changed at the same moment elsewhere. Reload and try again."));
        }
        logger.LogInformation("Ownership of company {CompanyId} transferred from {ActorId} to {UserId}", actor.CompanyId, actor.Id, target.Id);
        await SendNoticesAsync(owner, target, now, ct);
        return Result.Ok;
    }

    /// <summary>Both people hear of it by email: a transfer nobody intended is noticed at once.</summary>
    private async Task SendNoticesAsync(HeshUser former, HeshUser current, DateTime at, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == former.CompanyId).Select(c => c.Name).SingleAsync(ct);
        try
        {
            await mailer.SendAsync(EmailTemplates.OwnershipGiven(former.Email!, former.FirstName, company, current.FullName, at, links.SignIn(), await db.EmailCultureAsync(former, ct)), ct);
            await mailer.SendAsync(EmailTemplates.OwnershipReceived(current.Email!, current.FirstName, company, former.FullName, at, links.SignIn(), await db.EmailCultureAsync(current, ct)), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The transfer is committed; a mail server outage must not make it look failed.
            logger.LogError(ex, "Ownership notices for company {CompanyId} could not be sent", former.CompanyId);
        }
    }
}
