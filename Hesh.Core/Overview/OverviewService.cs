using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Permissions;
using Hesh.Core.Preferences;
using Hesh.Core.Productions;
using Hesh.Core.Users;

namespace Hesh.Core.Overview;

/// <summary>
/// The Overview page: what the signed-in person may see of their company right now. Every section is decided here
/// (<see cref="OverviewAccess"/>) and comes back null when the person may not see it; the page shows what it gets.
/// </summary>
public sealed class OverviewService(HeshDbContext db, CurrentActorLoader actors, IOnlinePeople online, TimeProvider clock)
{
    /// <summary>How many rows a section lists; its count says how many there are in all.</summary>
    public const int ListLength = 5;

    public async Task<OverviewPage?> GetAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is not { Status: UserStatus.Active })
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var firstName = await db.Users.Where(u => u.Id == actor.Id).Select(u => u.FirstName).SingleAsync(ct);
        return new OverviewPage(
            firstName,
            OverviewAccess.Role(actor),
            OverviewAccess.SeesChecklist(actor) ? await ChecklistAsync(actor, ct) : null,
            OverviewAccess.SeesPeople(actor) ? await PendingInvitationsAsync(actor, now, ct) : null,
            OverviewAccess.SeesDayOffs(actor) ? await OnDayOffTodayAsync(actor, now, ct) : null,
            OverviewAccess.SeesPeople(actor) ? await OnlineNowAsync(actor, ct) : null,
            OverviewAccess.SeesPeople(actor) ? await RecentPermissionChangesAsync(actor, ct) : null,
            OverviewAccess.SeesProductions(actor) ? await ProductionsInProgressAsync(actor, ct) : null,
            OverviewAccess.OpensAuditLog(actor),
            actor.Id);
    }

    /// <summary>
    /// The first steps of a new company, each ticked from the data itself, so the list is right whoever did the step
    /// (and in whichever tab).
    /// </summary>
    private async Task<GettingStarted> ChecklistAsync(Actor actor, CancellationToken ct)
    {
        var company = actor.CompanyId;
        var hasDepartment = await db.Departments.AnyAsync(d => d.CompanyId == company, ct);
        var invited = await db.Users.AnyAsync(u => u.CompanyId == company && u.Id != actor.Id, ct);
        var permissionActions = AuditQueries.PermissionActions.Where(a => a != AuditAction.OwnershipTransferred).ToArray();
        var permissionsSet = await db.AuditEntries.AnyAsync(e => e.CompanyId == company && permissionActions.Contains(e.Action), ct);
        var me = await db.Users.Where(u => u.Id == actor.Id).Select(u => new { u.TwoFactorEnabled }).SingleAsync(ct);
        var secondFactor = me.TwoFactorEnabled || await db.UserPasskeys.AnyAsync(p => p.UserId == actor.Id, ct);
        var published = await db.Products.AnyAsync(p => p.CompanyId == company && p.LatestVersion > 0, ct);
        return new GettingStarted(
        [
            // A first department is the step; positions (job titles) come with it on the same page, and not every workshop needs them.
            new(ChecklistStep.Organisation, Messages.Say("Add departments and positions"), Messages.Say("Where people work and the job titles they hold; tasks are placed in departments."), "departments", hasDepartment),
            new(ChecklistStep.Invite, Messages.Say("Invite people"), Messages.Say("Each gets an email to set their password."), "users", invited),
            new(ChecklistStep.Permissions, Messages.Say("Set permissions"), Messages.Say("Decide who may see and change what."), "users", permissionsSet),
            new(ChecklistStep.TwoFactor, Messages.Say("Set up two-factor sign-in"), Messages.Say("An authenticator app or a passkey protects the owner's account."), $"users/{actor.Id}?tab=security", secondFactor),
            new(ChecklistStep.Product, Messages.Say("Publish a product"), Messages.Say("A product's steps become the tasks of its productions."), "products", published),
        ]);
    }

    private async Task<Counted<PendingInvitation>> PendingInvitationsAsync(Actor actor, DateTime now, CancellationToken ct)
    {
        var pending = db.Users.AsNoTracking().Where(u => u.CompanyId == actor.CompanyId && u.Status == UserStatus.Pending);
        var rows = await pending.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id).Take(ListLength)
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, u.InvitationExpiresAt }).ToListAsync(ct);
        return new Counted<PendingInvitation>(await pending.CountAsync(ct),
            rows.Select(u => new PendingInvitation(u.Id, $"{u.FirstName} {u.LastName}".Trim(), u.Email!, u.InvitationExpiresAt is not { } at || at <= now)).ToList());
    }

    /// <summary>
    /// Away at any moment of the company's today, so someone back at noon is still listed in the morning. The company's
    /// day, not UTC's: at 01:30 in Kyiv yesterday's day-offs are over and this morning's are today's.
    /// </summary>
    private async Task<Counted<PersonAway>> OnDayOffTodayAsync(Actor actor, DateTime now, CancellationToken ct)
    {
        var companyZone = await db.Companies.AsNoTracking().Where(c => c.Id == actor.CompanyId).Select(c => c.TimeZone).FirstOrDefaultAsync(ct);
        var (dayStart, dayEnd) = ZonedTime.DayAround(now, TimeZones.Resolve(null, companyZone));
        var away = from d in db.DayOffs.AsNoTracking()
                   join u in db.Users.AsNoTracking() on d.UserId equals u.Id
                   where d.CompanyId == actor.CompanyId && u.CompanyId == actor.CompanyId && u.Status != UserStatus.Inactive
                       && d.Start < dayEnd && dayStart < d.End
                   select new { u.Id, u.FirstName, u.LastName, d.Start, d.End };
        var rows = await away.OrderBy(a => a.End).ThenBy(a => a.Id).ToListAsync(ct);
        var people = rows.GroupBy(r => r.Id).Select(g => g.First())
            .Select(r => new PersonAway(r.Id, $"{r.FirstName} {r.LastName}".Trim(), r.Start, r.End, r.Start <= now && now < r.End)).ToList();
        return new Counted<PersonAway>(people.Count, people.Take(ListLength).ToList());
    }

    private async Task<Counted<OnlinePerson>> OnlineNowAsync(Actor actor, CancellationToken ct)
    {
        var active = await db.Users.AsNoTracking().Where(u => u.CompanyId == actor.CompanyId && u.Status == UserStatus.Active)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.FirstName, u.LastName }).ToListAsync(ct);
        var ids = await online.OnlineAmongAsync(active.Select(u => u.Id).ToList(), ct);
        // Only ids asked about count: whatever the presence store knows of other companies never reaches this list.
        var people = active.Where(u => ids.Contains(u.Id)).Select(u => new OnlinePerson(u.Id, $"{u.FirstName} {u.LastName}".Trim(), u.Id == actor.Id)).ToList();
        return new Counted<OnlinePerson>(people.Count, people.Take(ListLength * 2).ToList());
    }

    private async Task<IReadOnlyList<PermissionChange>> RecentPermissionChangesAsync(Actor actor, CancellationToken ct) =>
        (await db.AuditEntries.AsNoTracking()
            .Where(e => e.CompanyId == actor.CompanyId && AuditQueries.PermissionActions.Contains(e.Action))
            .OrderByDescending(e => e.Id).Take(ListLength)
            .Select(e => new { e.At, e.ActorName, e.SubjectId, e.SubjectName, e.Action, e.What }).ToListAsync(ct))
        .Select(e => new PermissionChange(e.At, e.ActorName, e.SubjectId, e.SubjectName, e.Action.Title(), e.What)).ToList();

    private async Task<Counted<ProductionInProgress>> ProductionsInProgressAsync(Actor actor, CancellationToken ct)
    {
        var running = db.Productions.AsNoTracking().Where(p => p.CompanyId == actor.CompanyId && p.Status == ProductionStatus.InProgress);
        var rows = await running.OrderBy(p => p.Deadline == null ? 1 : 0).ThenBy(p => p.Deadline).ThenBy(p => p.Number).Take(ListLength)
            .Select(p => new ProductionInProgress(p.Id, p.Key, p.ProductName, p.Quantity, p.Deadline,
                p.Tasks.Count(t => t.Status == WorkStatus.Done), p.Tasks.Count))
            .ToListAsync(ct);
        return new Counted<ProductionInProgress>(await running.CountAsync(ct), rows);
    }
}
