using Hesh.Core.Preferences;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Email;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.AccessRequests;

public sealed record AccessRequestInput(PermissionKey Key, string? Reason = null, int? WishedMinutes = null, TaskScope? Level = null,
    Platform Platform = Platform.Web);

/// <summary>An open request as those who may answer it see it.</summary>
public sealed record AccessRequestRow(Guid Id, string UserId, string UserName, Platform Platform, PermissionKey Key, TaskScope? Level,
    string What, string? Reason, int? WishedMinutes, DateTime CreatedAt, DateTime ExpiresAt)
{
    public string Wished => RequestDuration.TitleOf(WishedMinutes);
}

/// <summary>The open requests the signed-in person may answer; <see cref="CanAnswer"/> false hides the bell.</summary>
public sealed record AccessRequestInbox(bool CanAnswer, IReadOnlyList<AccessRequestRow> Waiting)
{
    public static AccessRequestInbox None { get; } = new(false, []);
}

/// <summary>The requester's own latest request for one permission, as their notice shows it.</summary>
public sealed record MyAccessRequest(Guid Id, AccessRequestStatus Status, DateTime CreatedAt, int? WishedMinutes, string? DecidedByName,
    DateTime? DecidedAt, string? DecisionReason, DateTime? GrantedUntil);

/// <summary>What a "You don't have access" notice may offer for one permission: a request, or why not, and the latest one.</summary>
public sealed record AccessRequestOffer(Platform Platform, PermissionKey Key, TaskScope? Level, string What, bool CanRequest, string? CannotBecause,
    MyAccessRequest? Latest)
{
    /// <summary>The requester holds it now (an approval, or given another way): the page it guards may open.</summary>
    public bool Holds { get; init; }
}

/// <summary>
/// Access requests (issue 15 §2): a user asks for a permission they lack, whoever may grant it approves (through the
/// toggle's own write path: <see cref="AccessSet.With"/>, AccessVersion, audit, announcement, <see cref="GrantLedger"/>)
/// or declines, the requester may withdraw, and an unanswered one expires after <see cref="AccessRequest.Lifetime"/>.
/// Every step is audited and announced as <see cref="AccessChangeKind.Requests"/> to the requester and to every approver.
/// An answer claims the request with a conditional update inside its transaction, so two answers at once (two nodes,
/// two tabs) make one winner and one "already answered".
/// </summary>
public sealed class AccessRequestService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, IMailer mailer, IAppLinks links,
    ViewerPreferenceQuery preferences, ILogger<AccessRequestService> logger)
{
    /// <summary>The most rows a bell or an Overview card lists.</summary>
    public const int ListLimit = 50;

    private static string NotFound => Messages.Say("This request was not found.");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The zone a refusal is told on: the clock of whoever reads it.</summary>
    private async Task<TimeZoneInfo> ZoneOfAsync(string userId, CancellationToken ct) => (await preferences.ZonesAsync(userId, ct)).Zone;

    public async Task<Result<MyAccessRequest>> CreateAsync(string actorId, AccessRequestInput input, CancellationToken ct = default)
    {
        var requester = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == actorId, ct);
        if (requester is null || !Enum.IsDefined(input.Key) || !Enum.IsDefined(input.Platform) || input.Level is { } l && !Enum.IsDefined(l))
        {
            return Result<MyAccessRequest>.From(Result.Fail(requester is null ? Messages.Say("Sign in to request access.") : Messages.Say("Choose a permission of the catalogue.")));
        }
        var actor = Actor.Of(requester);
        var now = Now;
        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        var level = AccessRequestRules.LevelOf(input.Key, input.Level);
        var open = await OpenOfAsync(actor.Id, input.Platform, input.Key, ct);
        if (open is not null && now >= open.ExpiresAt)
        {
            // Past its end and not yet reached by the expiry job: it ends now, so a new one may take its place.
            await ExpireAsync(open.Id, now, ct);
            open = null;
        }
        var approvers = await ApproversAsync(requester, input.Platform, input.Key, level, ct);
        var refusal = AccessRequestRules.CheckCreate(actor, input.Platform, input.Key, input.Level, input.Reason, input.WishedMinutes, open, approvers.Count > 0,
            await ZoneOfAsync(actor.Id, ct));
        if (refusal is not null)
        {
            logger.LogInformation("Access request of {UserId} for {PermissionKey} refused: {Refusal}", actor.Id, input.Key, refusal);
            return Result<MyAccessRequest>.From(Result.Fail(refusal));
        }
        var request = new AccessRequest
        {
            CompanyId = requester.CompanyId, UserId = requester.Id, UserName = Clip(requester.FullName), Platform = input.Platform, Key = input.Key,
            Level = level, Reason = reason, WishedMinutes = input.WishedMinutes, CreatedAt = now, ExpiresAt = now + AccessRequest.Lifetime,
        };
        db.AccessRequests.Add(request);
        var what = AccessRequestRules.WhatOn(request.Platform, request.Key, request.Level);
        var entry = AuditLog.Record(db, now, actor, requester, AuditAction.AccessRequested, what, null,
            $"{RequestDuration.EnglishOf(request.WishedMinutes)}{(reason is null ? "" : $" · {reason}")}");
        Announce(entry, request.UserId, approvers, $"{requester.FullName} requested {what}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The filtered unique index: another tab of this user asked for the same a moment ago.
            db.ChangeTracker.Clear();
            return Result<MyAccessRequest>.From(Result.Fail(Messages.Say("You asked for this a moment ago; it is waiting for an answer.")));
        }
        logger.LogInformation("Access request {RequestId} of {UserId} for {PermissionKey} to {ApproverCount} approvers", request.Id, actor.Id,
            request.Key, approvers.Count);
        await EmailApproversAsync(request, requester, approvers, what, ct);
        return Result<MyAccessRequest>.Success(Mine(request));
    }

    /// <summary>The open requests <paramref name="actorId"/> may answer, newest first; none (and no bell) for anyone else.</summary>
    public async Task<AccessRequestInbox> WaitingForAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !AccessRequestRules.MayAnswerAny(actor))
        {
            return AccessRequestInbox.None;
        }
        var now = Now;
        var open = await db.AccessRequests.AsNoTracking()
            .Where(r => r.CompanyId == actor.CompanyId && r.Status == AccessRequestStatus.Open && r.ExpiresAt > now && r.UserId != actor.Id)
            .OrderByDescending(r => r.CreatedAt).Take(ListLimit * 4).ToListAsync(ct);
        var ids = open.Select(r => r.UserId).Distinct().ToList();
        var requesters = (await RuleInputs(db.Users.Where(u => ids.Contains(u.Id))).ToListAsync(ct)).ToDictionary(u => u.Id);
        var rows = open
            .Where(r => requesters.TryGetValue(r.UserId, out var u) && Answerable(actor, u, r))
            .Take(ListLimit)
            .Select(r => new AccessRequestRow(r.Id, r.UserId, requesters[r.UserId].FullName, r.Platform, r.Key, r.Level,
                AccessRequestRules.NamedOn(r.Platform, r.Key, r.Level), r.Reason, r.WishedMinutes, r.CreatedAt, r.ExpiresAt))
            .ToList();
        return new AccessRequestInbox(true, rows);
    }

    /// <summary>For the notice of a page (or an action) that needs <paramref name="key"/>: may one ask, and the latest ask.</summary>
    public async Task<AccessRequestOffer?> OfferAsync(string actorId, PermissionKey key, Platform platform = Platform.Web, TaskScope? level = null,
        CancellationToken ct = default)
    {
        if (!Enum.IsDefined(key) || !Enum.IsDefined(platform))
        {
            return null;
        }
        var requester = await RuleInputs(db.Users.Where(u => u.Id == actorId)).SingleOrDefaultAsync(ct);
        if (requester is null)
        {
            return null;
        }
        var now = Now;
        var latest = await db.AccessRequests.AsNoTracking()
            .Where(r => r.UserId == requester.Id && r.Platform == platform && r.Key == key)
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);
        var open = latest is { Status: AccessRequestStatus.Open } && latest.ExpiresAt > now ? latest : null;
        var refusal = AccessRequestRules.CheckCreate(Actor.Of(requester), platform, key, level, null, null, open,
            open is null && (await ApproversAsync(requester, platform, key, AccessRequestRules.LevelOf(key, level), ct)).Count > 0,
            // Only a refusal about the open request tells a day; no query for the zone otherwise.
            open is null ? TimeZoneInfo.Utc : await ZoneOfAsync(requester.Id, ct));
        // An old answer stays news for as long as a request would have waited; a withdrawn one is not news at all.
        var shown = latest is not null && latest.Status != AccessRequestStatus.Withdrawn
            && (latest.Status == AccessRequestStatus.Open || (latest.DecidedAt ?? latest.ExpiresAt) > now - AccessRequest.Lifetime) ? latest : null;
        if (shown is { Status: AccessRequestStatus.Open } && shown.ExpiresAt <= now)
        {
            shown = null;
        }
        return new AccessRequestOffer(platform, key, AccessRequestRules.LevelOf(key, level), AccessRequestRules.Named(key, AccessRequestRules.LevelOf(key, level)),
            refusal is null, refusal, shown is null ? null : Mine(shown))
        {
            Holds = AccessRequestRules.Holds(Actor.Of(requester).Access(platform), key, AccessRequestRules.LevelOf(key, level)),
        };
    }

    /// <summary>Grants what was asked, for <paramref name="duration"/> (or the wished one when null).</summary>
    public async Task<Result> ApproveAsync(string approverId, Guid requestId, RequestDuration? duration = null, CancellationToken ct = default)
    {
        var approver = await actors.LoadAsync(approverId, ct);
        if (approver is null)
        {
            return Result.Fail(NotFound);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.CompanyId == approver.CompanyId, ct);
        var requester = request is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == request.UserId && u.CompanyId == approver.CompanyId, ct);
        // Someone who could never answer it learns nothing of it, not even that it was answered.
        if (request is null || requester is null || !AccessRequestRules.MayAnswerAny(approver) || !UserAccess.CanView(approver, requester))
        {
            return Result.Fail(NotFound);
        }
        var now = Now;
        var minutes = duration is null ? request.WishedMinutes : duration.Minutes;
        var zone = await ZoneOfAsync(approver.Id, ct);
        var refusal = AccessRequestRules.CheckApprove(request, approver, requester, now, zone, minutes);
        if (refusal is not null)
        {
            logger.LogInformation("Approval of {RequestId} by {ActorId} refused: {Refusal}", request.Id, approver.Id, refusal);
            return Result.Fail(refusal);
        }
        var what = AccessRequestRules.WhatOn(request.Platform, request.Key, request.Level);
        var approvers = await ApproversAsync(requester, request.Platform, request.Key, request.Level, ct);
        var effective = Actor.Effective(requester.IsAdmin, requester.StoredAccess(request.Platform), request.Platform);
        if (AccessRequestRules.Holds(effective, request.Key, request.Level))
        {
            // Given another way meanwhile (a toggle, a template): nothing to grant, and nothing left to answer.
            if (!await ClaimAsync(request.Id, AccessRequestStatus.Withdrawn, now, ct))
            {
                return Result.Fail(AccessRequestRules.CheckStillOpen(await FreshAsync(request.Id, ct), now, zone) ?? NotFound);
            }
            Decide(request, AccessRequestStatus.Withdrawn, approver, now, "already has it");
            var closed = AuditLog.Record(db, now, approver, requester, AuditAction.AccessRequestWithdrawn, what, null, "Already had it");
            Announce(closed, request.UserId, approvers, $"request for {what} closed: already granted");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Result.Fail(Messages.Say("{0} already has {1}; the request is closed.", requester.FullName, AccessRequestRules.Named(request.Key, request.Level)));
        }
        if (!await ClaimAsync(request.Id, AccessRequestStatus.Approved, now, ct))
        {
            return Result.Fail(AccessRequestRules.CheckStillOpen(await FreshAsync(request.Id, ct), now, zone) ?? NotFound);
        }
        var before = AccessPair.Of(requester);
        var stored = requester.StoredAccess(request.Platform);
        var granted = PermissionCatalog.Get(request.Key).IsLevel ? stored.WithScope(request.Level!.Value) : stored.With(request.Key, true);
        // As a toggle gives it: "Users permissions" approved by a department-scoped holder reaches no wider than theirs.
        var after = before.With(request.Platform, GrantRules.AsGivenBy(approver, request.Platform, stored, granted));
        requester.SetStoredAccess(request.Platform, after.For(request.Platform));
        requester.AccessVersion++;
        var endsAt = AccessRequestRules.EndOf(now, minutes);
        Decide(request, AccessRequestStatus.Approved, approver, now, null);
        request.GrantedUntil = endsAt;
        await GrantLedger.RecordAsync(db, requester, before, after,
            new GrantOrigin(GrantSource.Request, approver.Id, approver.Name, now, null, endsAt, request.Id), ct);
        var until = endsAt is { } end ? LiveTimes.Write(end, LiveTimes.Dated) : null;
        var entry = AuditLog.Record(db, now, approver, requester, AuditAction.AccessRequestApproved, $"{request.Platform.Title()} · {what}",
            before.For(request.Platform).Describe(), after.For(request.Platform).Describe() + (until is null ? "" : $" until {until}"));
        // The end is a value of its own, so the requester reads it on their clock and "until" in their language.
        if (until is null)
        {
            entry.Announce(AccessChangeKind.Permissions, $"your request was approved: {what}");
        }
        else
        {
            entry.Announce(AccessChangeKind.Permissions, $"your request was approved: {what} until {until}");
        }
        Announce(entry, request.UserId, approvers, $"{approver.Name} approved {requester.FullName}'s request: {what}");
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The requester's access changed between our read and our write (a toggle elsewhere): nothing of ours was saved.
            return Result.Fail(Messages.Say("This person's permissions changed a moment ago; try again."));
        }
        logger.LogInformation("Access request {RequestId} approved by {ActorId} until {EndsAt}", request.Id, approver.Id, endsAt);
        return Result.Ok;
    }

    public async Task<Result> DeclineAsync(string approverId, Guid requestId, string? reason, CancellationToken ct = default)
    {
        var approver = await actors.LoadAsync(approverId, ct);
        if (approver is null)
        {
            return Result.Fail(NotFound);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.CompanyId == approver.CompanyId, ct);
        var requester = request is null ? null : await RuleInputs(db.Users.Where(u => u.Id == request.UserId && u.CompanyId == approver.CompanyId)).SingleOrDefaultAsync(ct);
        if (request is null || requester is null || !AccessRequestRules.MayAnswerAny(approver) || !UserAccess.CanView(approver, requester))
        {
            return Result.Fail(NotFound);
        }
        var now = Now;
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var zone = await ZoneOfAsync(approver.Id, ct);
        var refusal = AccessRequestRules.CheckDecline(request, approver, requester, now, zone, reason);
        if (refusal is not null)
        {
            logger.LogInformation("Decline of {RequestId} by {ActorId} refused: {Refusal}", request.Id, approver.Id, refusal);
            return Result.Fail(refusal);
        }
        if (!await ClaimAsync(request.Id, AccessRequestStatus.Declined, now, ct))
        {
            return Result.Fail(AccessRequestRules.CheckStillOpen(await FreshAsync(request.Id, ct), now, zone) ?? NotFound);
        }
        Decide(request, AccessRequestStatus.Declined, approver, now, reason);
        var what = AccessRequestRules.WhatOn(request.Platform, request.Key, request.Level);
        var approvers = await ApproversAsync(requester, request.Platform, request.Key, request.Level, ct);
        var entry = AuditLog.Record(db, now, approver, requester, AuditAction.AccessRequestDeclined, what, null, reason ?? "No reason given");
        Announce(entry, request.UserId, approvers, $"{approver.Name} declined {requester.FullName}'s request: {what}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Access request {RequestId} declined by {ActorId}", request.Id, approver.Id);
        return Result.Ok;
    }

    /// <summary>The requester takes back their own open request.</summary>
    public async Task<Result> WithdrawAsync(string actorId, Guid requestId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null)
        {
            return Result.Fail(NotFound);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await db.AccessRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.CompanyId == actor.CompanyId, ct);
        if (request is null || request.UserId != actor.Id)
        {
            return Result.Fail(NotFound);
        }
        var now = Now;
        var zone = await ZoneOfAsync(actor.Id, ct);
        if (AccessRequestRules.CheckWithdraw(request, actor.Id, now, zone) is { } refusal)
        {
            return Result.Fail(refusal);
        }
        if (!await ClaimAsync(request.Id, AccessRequestStatus.Withdrawn, now, ct))
        {
            return Result.Fail(AccessRequestRules.CheckStillOpen(await FreshAsync(request.Id, ct), now, zone) ?? NotFound);
        }
        var requester = await RuleInputs(db.Users.Where(u => u.Id == actor.Id)).SingleAsync(ct);
        Decide(request, AccessRequestStatus.Withdrawn, actor, now, null);
        var what = AccessRequestRules.WhatOn(request.Platform, request.Key, request.Level);
        var entry = AuditLog.Record(db, now, actor, requester, AuditAction.AccessRequestWithdrawn, what, null, "Withdrawn by the requester");
        Announce(entry, request.UserId, await ApproversAsync(requester, request.Platform, request.Key, request.Level, ct),
            $"{requester.FullName} withdrew the request: {what}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok;
    }

    /// <summary>Ends every open request past its end (the expiry loop's part for requests); how many it ended.</summary>
    public async Task<int> ExpireDueAsync(DateTime now, CancellationToken ct = default)
    {
        var due = await db.AccessRequests.AsNoTracking().Where(r => r.Status == AccessRequestStatus.Open && r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt).Select(r => r.Id).Take(200).ToListAsync(ct);
        var ended = 0;
        foreach (var id in due)
        {
            ended += await ExpireAsync(id, now, ct) ? 1 : 0;
        }
        return ended;
    }

    /// <summary>The active users of the requester's company who may answer this request (the bell's and the email's people).</summary>
    public async Task<IReadOnlyList<HeshUser>> ApproversAsync(HeshUser requester, Platform platform, PermissionKey key, TaskScope? level,
        CancellationToken ct = default)
    {
        var candidates = await RuleInputs(db.Users.Where(u => u.CompanyId == requester.CompanyId && u.Status == UserStatus.Active && u.Id != requester.Id))
            .ToListAsync(ct);
        return candidates.Where(u => AccessRequestRules.MayAnswerAny(Actor.Of(u)) && AccessRequestRules.CanAnswer(Actor.Of(u), requester, platform, key, level))
            .ToList();
    }

    private async Task<bool> ExpireAsync(Guid id, DateTime now, CancellationToken ct)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (!await ClaimAsync(id, AccessRequestStatus.Expired, now, ct))
        {
            return false;   // answered, withdrawn or expired by another node meanwhile
        }
        var request = await db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var requester = await RuleInputs(db.Users.Where(u => u.Id == request.UserId)).SingleAsync(ct);
        var what = AccessRequestRules.WhatOn(request.Platform, request.Key, request.Level);
        var entry = AuditLog.RecordBy(db, now, request.CompanyId, "hesh:expiry", "Hesh", requester.Id, requester.FullName,
            AuditAction.AccessRequestExpired, what, null, $"Unanswered for {AccessRequest.Lifetime.TotalDays:0} days");
        Announce(entry, request.UserId, await ApproversAsync(requester, request.Platform, request.Key, request.Level, ct),
            $"{requester.FullName}'s request for {what} expired unanswered");
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        logger.LogInformation("Access request {RequestId} expired unanswered", id);
        return true;
    }

    /// <summary>Moves an open request on, once: false when someone else answered (or it ended) first.</summary>
    private async Task<bool> ClaimAsync(Guid id, AccessRequestStatus to, DateTime now, CancellationToken ct) =>
        await db.AccessRequests.Where(r => r.Id == id && r.Status == AccessRequestStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, to).SetProperty(r => r.DecidedAt, now), ct) == 1;

    private async Task<AccessRequest> FreshAsync(Guid id, CancellationToken ct) =>
        await db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == id, ct);

    private static void Decide(AccessRequest request, AccessRequestStatus status, Actor by, DateTime now, string? reason)
    {
        request.Status = status;
        request.DecidedById = by.Id;
        request.DecidedByName = Clip(by.Name);
        request.DecidedAt = now;
        request.DecisionReason = reason;
    }

    private static bool Answerable(Actor actor, HeshUser requester, AccessRequest request) =>
        AccessRequestRules.CanAnswer(actor, requester, request.Platform, request.Key, request.Level)
        // Given another way meanwhile: nothing left to answer, so it is not shown (approving it closes it).
        && !AccessRequestRules.Holds(Actor.Of(requester).Access(request.Platform), request.Key, request.Level);

    /// <summary>The bell, the Overview and the requester's notice re-read requests when one moves, on every node.</summary>
    /// <remarks>
    /// The summary stays a <see cref="LiveSummary"/>, not a string, so each receiver words it in their own language;
    /// every announcement reads its own English, format and values out of it.
    /// </remarks>
    private static void Announce(AuditEntry entry, string requesterId, IEnumerable<HeshUser> approvers, LiveSummary summary)
    {
        entry.Announce(AccessChangeKind.Requests, summary, to: requesterId);
        foreach (var approver in approvers)
        {
            entry.Announce(AccessChangeKind.Requests, summary, to: approver.Id);
        }
    }

    private async Task EmailApproversAsync(AccessRequest request, HeshUser requester, IReadOnlyList<HeshUser> approvers, string what, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == request.CompanyId).Select(c => new { c.Name, c.EmailAccessRequests, c.DefaultLanguage }).SingleAsync(ct);
        if (!company.EmailAccessRequests)
        {
            return;
        }
        foreach (var approver in approvers.Where(a => !string.IsNullOrEmpty(a.Email)))
        {
            try
            {
                // Written in the approver's language, not the requester's: the email is theirs to read.
                MailMessage email;
                using (Languages.Speak(Languages.Resolve(approver.Language, company.DefaultLanguage, null)))
                {
                    email = EmailTemplates.AccessRequested(approver.Email!, approver.FirstName, company.Name, requester.FullName, what,
                        RequestDuration.TitleOf(request.WishedMinutes), request.Reason, links.Overview());
                }
                await mailer.SendAsync(email, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The request stands and the bell shows it; a mail server down must not undo it.
                logger.LogWarning(e, "Access request {RequestId}: the email to {ApproverId} failed", request.Id, approver.Id);
            }
        }
    }

    /// <summary>What the rules read of a user, without the photo and other columns a list does not need.</summary>
    private static IQueryable<HeshUser> RuleInputs(IQueryable<HeshUser> users) => users.AsNoTracking().Select(u => new HeshUser
    {
        Id = u.Id, CompanyId = u.CompanyId, FirstName = u.FirstName, LastName = u.LastName, Email = u.Email, Status = u.Status, IsAdmin = u.IsAdmin,
        IsOwner = u.IsOwner, WebAccess = u.WebAccess, MobileAccess = u.MobileAccess, AccessVersion = u.AccessVersion, DepartmentId = u.DepartmentId,
    });

    private async Task<AccessRequest?> OpenOfAsync(string userId, Platform platform, PermissionKey key, CancellationToken ct) =>
        await db.AccessRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.UserId == userId && r.Platform == platform && r.Key == key && r.Status == AccessRequestStatus.Open, ct);

    private static MyAccessRequest Mine(AccessRequest r) =>
        new(r.Id, r.Status, r.CreatedAt, r.WishedMinutes, r.DecidedByName, r.DecidedAt, r.DecisionReason, r.GrantedUntil);

    private static string Clip(string text) => text.Length > AccessRequest.NameMaxLength ? text[..AccessRequest.NameMaxLength] : text;
}

/// <summary>The expiry loop's part for unanswered requests: each ends as Expired, audited and announced.</summary>
public sealed class AccessRequestExpiry(AccessRequestService requests) : IExpiringWork
{
    public Task<int> RunDueAsync(DateTime now, CancellationToken ct = default) => requests.ExpireDueAsync(now, ct);
}
