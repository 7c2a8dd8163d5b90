using Hesh.Core.Permissions;
using Hesh.Core.Data;
using Hesh.Core.Preferences;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.DayOffs;

/// <summary>The Day-offs tab: the user and admins see the periods; admins add and remove them.</summary>
public sealed class DayOffService(HeshDbContext db, CurrentActorLoader actors, ILogger<DayOffService> logger)
{
    public async Task<IReadOnlyList<DayOffPeriod>?> ListAsync(string actorId, string userId, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, ct: ct) is not (var actor, var user))
        {
            return null;
        }
        return await db.DayOffs.AsNoTracking().Where(d => d.UserId == userId && d.CompanyId == actor.CompanyId)
            .OrderByDescending(d => d.Start).Select(d => new DayOffPeriod(d.Id, d.Start, d.End, d.Note)).ToListAsync(ct);
    }

    /// <summary>
    /// A day-off entered on the company's wall clock (as the Day-offs tab asks for it), stored in UTC. Each boundary is
    /// converted on its own date, so a period across a DST change keeps its entered times on both sides.
    /// </summary>
    public async Task<Result> AddLocalAsync(string actorId, string userId, DateTime localStart, DateTime localEnd, string? note, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, ct: ct) is not (var actor, _))
        {
            return Result.NotFound;
        }
        var zoneId = await db.Companies.AsNoTracking().Where(c => c.Id == actor.CompanyId).Select(c => c.TimeZone).FirstOrDefaultAsync(ct);
        var zone = TimeZones.Resolve(null, zoneId);
        var (start, end) = ZonedTime.PeriodToUtc(localStart, localEnd, zone);
        return await AddAsync(actorId, userId, start.Utc, end.Utc, note, ct, zone);
    }

    /// <summary>A day-off given in UTC (the public API and the tab's conversion above).</summary>
    public async Task<Result> AddAsync(string actorId, string userId, DateTime start, DateTime end, string? note, CancellationToken ct = default, TimeZoneInfo? enteredIn = null)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, ct: ct) is not (var actor, var user))
        {
            return Result.NotFound;
        }
        if (!UserAccess.CanManage(actor, user))
        {
            return Result.Fail(Messages.Say("Only an administrator can add day-offs."));
        }
        if (note is { Length: > DayOff.NoteMaxLength })
        {
            return Result.Invalid("Note", Messages.Say("The note must be at most {0} characters.", DayOff.NoteMaxLength));
        }
        var (startUtc, endUtc) = (DateTime.SpecifyKind(start, DateTimeKind.Utc), DateTime.SpecifyKind(end, DateTimeKind.Utc));
        var existing = await db.DayOffs.AsNoTracking().Where(d => d.UserId == userId)
            .Select(d => new DayOffPeriod(d.Id, d.Start, d.End, d.Note)).ToListAsync(ct);
        var refusal = DayOffRules.Check(startUtc, endUtc, existing, enteredIn);
        if (refusal is not null)
        {
            return Result.Invalid("End", refusal);
        }
        db.DayOffs.Add(new DayOff { CompanyId = actor.CompanyId, UserId = userId, Start = startUtc, End = endUtc, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() });
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Day-off {Start}–{End} added for {UserId} by {ActorId}", startUtc, endUtc, userId, actorId);
        return Result.Ok;
    }

    public async Task<Result> RemoveAsync(string actorId, string userId, Guid dayOffId, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, ct: ct) is not (var actor, var user))
        {
            return Result.NotFound;
        }
        if (!UserAccess.CanManage(actor, user))
        {
            return Result.Fail(Messages.Say("Only an administrator can remove day-offs."));
        }
        var removed = await db.DayOffs.Where(d => d.Id == dayOffId && d.UserId == userId && d.CompanyId == actor.CompanyId).ExecuteDeleteAsync(ct);
        return removed == 1 ? Result.Ok : Result.Fail(Messages.Say("This day-off no longer exists."));
    }

}
