using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.Users;

/// <summary>
/// Changes of many permissions at once — a position template, a copy of another user, a bulk grant or revoke.
/// Each is previewed first (+N / −M, each permission gained and lost, pages the user would lose while they have them
/// open); applying checks every changed permission against <see cref="GrantRules"/>, writes one audit entry per
/// user with the whole set before → after, and publishes one live change per user.
/// </summary>
public sealed class AccessPlanService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock,
    ILivePresence presence, UserQueries users, ILogger<AccessPlanService> logger)
{
    public const int MaxBulkUsers = 500;

    /// <summary>
    /// Whom "Copy from" offers for a user: active people the actor sees whose access a copy would take — the same
    /// rule as <see cref="CopySourceRefusal"/>, so the list never offers a choice the copy then refuses.
    /// </summary>
    public async Task<IReadOnlyList<UserRow>> CopySourcesAsync(string actorId, string userId, string? search, CancellationToken ct = default)
    {
        var page = await users.ListAsync(actorId, new UserListQuery(search, UserStatus.Active, PageSize: 25), ct);
        return page.Value?.Items.Where(u => CopySourceRefusal(u.Id, u.IsAdmin, u.FullName, userId) is null).Take(20).ToList() ?? [];
    }

    /// <summary>Why a user cannot be copied from onto <paramref name="targetId"/>, or null when they can.</summary>
    public static string? CopySourceRefusal(string sourceId, bool sourceIsAdmin, string sourceName, string targetId) =>
        sourceId == targetId ? Messages.Say("Pick another user to copy from.")
        : sourceIsAdmin ? Messages.Say("{0} is an administrator and holds every permission; copy from a user who is not.", sourceName)
        : null;

    public async Task<Result<AccessPreview>> PreviewAsync(string actorId, string userId, AccessPlan plan, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, ct: ct) is not (var actor, var user))
        {
            return Result<AccessPreview>.From(Result.NotFound);
        }
        var (target, error, _, _) = await ResolveAsync(actor, user, plan, ct);
        return error is not null ? Result<AccessPreview>.From(Result.Fail(error)) : Result<AccessPreview>.Success(await PreviewOfAsync(actor!, user, target!, ct));
    }

    /// <summary>
    /// Applies the plan to one user at the version the preview showed. When it takes away a page the user has open,
    /// <paramref name="closingPagesConfirmed"/> must say the actor saw that and agreed.
    /// </summary>
    public async Task<Result<AccessPreview>> ApplyAsync(string actorId, string userId, AccessPlan plan, int version, ChangeSource source,
        bool closingPagesConfirmed, CancellationToken ct = default)
    {
        if (await actors.LoadVisibleTargetAsync(actorId, userId, track: true, ct) is not (var actor, var user))
        {
            return Result<AccessPreview>.From(Result.NotFound);
        }
        var (target, error, what, origin) = await ResolveAsync(actor, user, plan, ct);
        if (error is not null)
        {
            return Result<AccessPreview>.From(Result.Fail(error));
        }
        var preview = await PreviewOfAsync(actor!, user, target!, ct);
        if (user.AccessVersion != version)
        {
            return new Result<AccessPreview> { Error = Refusal.Stale.Message, Value = preview };
        }
        if (preview.Refusal is not null)
        {
            return new Result<AccessPreview> { Error = preview.Refusal, Value = preview };
        }
        if (preview.PagesClosed.Count > 0 && !closingPagesConfirmed)
        {
            return new Result<AccessPreview> { Error = Messages.Say("This change closes a page the user has open. Confirm it to go on."), Value = preview };
        }
        // A template that matches still makes a temporary grant of its keys permanent.
        if (preview.Diff.IsEmpty && !(origin.Source == GrantSource.Template && await HoldsTemporarilyAsync(user, target!, ct)))
        {
            return Result<AccessPreview>.Success(preview);
        }
        var saved = await CommitAsync(actor!, user, target!, preview, source, what, origin, ct);
        return saved ? Result<AccessPreview>.Success(preview) : new Result<AccessPreview> { Error = Refusal.Stale.Message, Value = preview };
    }

    public async Task<Result<IReadOnlyList<AccessPreview>>> PreviewManyAsync(string actorId, IReadOnlyCollection<string> userIds, AccessPlan plan,
        CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !UserAccess.CanListUsers(actor))
        {
            return Result<IReadOnlyList<AccessPreview>>.From(Result.Fail(Refusal.NotAllowed.Message));
        }
        if (userIds.Count is 0 or > MaxBulkUsers)
        {
            return Result<IReadOnlyList<AccessPreview>>.From(Result.Fail(Messages.Say("Select between 1 and {0} users.", MaxBulkUsers)));
        }
        var ids = userIds.Distinct().ToList();
        // Outside the actor's users scope an id is "not found", like another company's: skipped, never previewed.
        var users = await UserQueries.InReach(db.Users.AsNoTracking().Where(u => u.CompanyId == actor.CompanyId && ids.Contains(u.Id)), actor)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ToListAsync(ct);
        var previews = new List<AccessPreview>();
        foreach (var user in users)
        {
            var (target, error, _, _) = await ResolveAsync(actor, user, plan, ct);
            previews.Add(error is not null ? new AccessPreview(user.Id, user.FullName, user.AccessVersion, AccessDiff.None, error, []) : await PreviewOfAsync(actor, user, target!, ct));
        }
        return Result<IReadOnlyList<AccessPreview>>.Success(previews);
    }

    /// <summary>
    /// Applies the plan to each user at the version their preview showed, each in its own commit: a user the actor
    /// may not change, or one changed by someone else since the preview, is skipped with the reason.
    /// </summary>
    public async Task<Result<BulkOutcome>> ApplyManyAsync(string actorId, IReadOnlyDictionary<string, int> versions, AccessPlan plan, ChangeSource source,
        bool closingPagesConfirmed = false, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var preview = await PreviewManyAsync(actorId, versions.Keys.ToList(), plan, ct);
        if (!preview.Succeeded)
        {
            return Result<BulkOutcome>.From(Result.Fail(preview.Error!));
        }
        var (applied, skipped, unchanged) = (new List<AccessPreview>(), new List<AccessPreview>(), new List<AccessPreview>());
        var done = 0;
        foreach (var row in preview.Value!)
        {
            ct.ThrowIfCancellationRequested();
            var result = await ApplyAsync(actorId, row.UserId, plan, versions[row.UserId], source, closingPagesConfirmed, ct);
            db.ChangeTracker.Clear();
            var outcome = result.Value ?? row;
            if (!result.Succeeded)
            {
                skipped.Add(outcome with { Refusal = result.Error == Refusal.Stale.Message ? Messages.Say("Changed by someone else since the preview.") : result.Error });
            }
            else if (outcome.Diff.IsEmpty)
            {
                unchanged.Add(outcome);
            }
            else
            {
                applied.Add(outcome);
            }
            progress?.Report(++done);
        }
        logger.LogInformation("Bulk {Plan} by {ActorId}: {Applied} applied, {Skipped} skipped, {Unchanged} unchanged",
            plan.GetType().Name, actorId, applied.Count, skipped.Count, unchanged.Count);
        return Result<BulkOutcome>.Success(new BulkOutcome(applied, skipped, unchanged));
    }

    /// <summary>The user's position template and how far their permissions are from it; null without a template (or for admins).</summary>
    public async Task<TemplateStatus?> TemplateStatusAsync(string actorId, string userId, CancellationToken ct = default)
    {
        var user = (await actors.LoadVisibleTargetAsync(actorId, userId, ct: ct))?.Target;
        if (user?.PositionId is not { } positionId || user.IsAdmin)
        {
            return null;
        }
        var position = await db.Positions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == positionId, ct);
        return position?.Template is { } template ? new TemplateStatus(position.Id, position.Name, AccessDiff.Between(AccessPair.Of(user), template)) : null;
    }

    /// <summary>How far a user's permissions are from their position's template: null when the position has none.</summary>
    public static AccessDiff? DriftFromTemplate(HeshUser user, AccessPair? template) =>
        template is null || user.IsAdmin ? null : AccessDiff.Between(AccessPair.Of(user), template);

    private async Task<AccessPreview> PreviewOfAsync(Actor actor, HeshUser user, AccessPair target, CancellationToken ct)
    {
        var diff = AccessDiff.Between(AccessPair.Of(user), target);
        var refusal = Check(actor, Member.Of(user), diff, target);
        var lostWeb = diff.Lost.Where(l => l.Platform == Platform.Web).Select(l => l.Key).ToHashSet();
        // Only a removal can close a page: a grant asks no node who has what open.
        var closed = lostWeb.Count == 0 ? []
            : (await presence.OpenPagesOfAsync(user.Id, ct)).Where(p => lostWeb.Contains(p.Requires)).ToList();
        return new AccessPreview(user.Id, user.FullName, user.AccessVersion, diff, refusal, closed);
    }

    /// <summary>Every permission that changes must be one the actor could have switched by hand; a refusal names the first that could not.</summary>
    private static string? Check(Actor actor, Member member, AccessDiff diff, AccessPair target)
    {
        // Whom the actor may not change is refused even when nothing would change: one's own row is never "already matching".
        if (GrantRules.CheckEditor(actor, member) is { } editor)
        {
            return editor.Message;
        }
        foreach (var line in diff.Gained.Concat(diff.Lost))
        {
            var refusal = line.Key == PermissionKey.TaskEditLevel
                ? GrantRules.CheckTaskScope(actor, member, line.Platform, target.For(line.Platform).TaskScope)
                : line.Key == PermissionKey.UsersPermissions && line.Gained
                ? GrantRules.CheckUsersScope(actor, member, line.Platform, target.For(line.Platform).EffectiveUsersScope)
                : GrantRules.CheckToggle(actor, member, line.Platform, line.Key, line.Gained);
            if (refusal is not null)
            {
                return refusal == Refusal.BeyondOwnGrants ? $"{refusal.Message.TrimEnd('.')}: {line.Text}." : refusal.Message;
            }
        }
        return null;
    }

    private async Task<bool> CommitAsync(Actor actor, HeshUser user, AccessPair target, AccessPreview preview, ChangeSource source, string what,
        PlanOrigin origin, CancellationToken ct)
    {
        var before = AccessPair.Of(user);
        await GrantLedger.RecordAsync(db, user, before, target,
            GrantOrigin.By(actor, origin.Source, clock.GetUtcNow().UtcDateTime, origin.Name, origin.EndsAt) with { Ends = origin.Ends }, ct);
        user.WebAccess = target.Web;
        user.MobileAccess = target.Mobile;
        user.AccessVersion++;
        AuditLog.Record(db, clock.GetUtcNow().UtcDateTime, actor, user, AuditAction.PermissionsApplied, $"{what} ({preview.Diff.Summary})",
            before.Describe(), target.Describe(), source)
            .Announce(AccessChangeKind.Permissions, preview.Diff.IsEmpty ? $"{what} — your temporary access is now permanent" : $"{what} — you {preview.Diff.InWords}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        logger.LogInformation("Permissions of {UserId} set by {ActorId} from {Source} ({Summary})", user.Id, actor.Id, source, preview.Diff.Summary);
        return true;
    }

    private async Task<bool> HoldsTemporarilyAsync(HeshUser user, AccessPair target, CancellationToken ct)
    {
        var temporary = await db.PermissionGrants.AsNoTracking().Where(g => g.UserId == user.Id && g.EndsAt != null).ToListAsync(ct);
        return temporary.Any(g => target.Normalized().For(g.Platform).Has(g.Key));
    }

    /// <summary>Where a plan's grants come from, for their <see cref="PermissionGrant"/> rows.</summary>
    private sealed record PlanOrigin(GrantSource Source, string? Name = null, DateTime? EndsAt = null,
        IReadOnlyDictionary<(Platform, PermissionKey), DateTime>? Ends = null);

    private async Task<(AccessPair? Target, string? Error, string What, PlanOrigin Origin)> ResolveAsync(Actor actor, HeshUser user, AccessPlan plan,
        CancellationToken ct)
    {
        var current = AccessPair.Of(user);
        var none = new PlanOrigin(GrantSource.Bulk);
        switch (plan)
        {
            case AccessPlan.FromPosition(var positionId):
                var position = await db.Positions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == positionId && p.CompanyId == actor.CompanyId, ct);
                return position is null ? (null, Messages.Say("This position was not found."), "", none)
                    : position.Template is { } template ? (template, null, $"Template of {position.Name} applied", new PlanOrigin(GrantSource.Template, position.Name))
                    : (null, Messages.Say("The position \"{0}\" has no permission template.", position.Name), "", none);
            case AccessPlan.FromUser(var sourceId):
                var source = await actors.FindVisibleAsync(actor, sourceId, ct: ct);
                if (source is null)
                {
                    return (null, Messages.Say("The user to copy from was not found."), "", none);
                }
                if (CopySourceRefusal(source.Id, source.IsAdmin, source.FullName, user.Id) is { } refusal)
                {
                    return (null, refusal, "", none);
                }
                // A copied temporary grant stays temporary with the same end.
                var now = clock.GetUtcNow().UtcDateTime;
                var ends = await db.PermissionGrants.AsNoTracking().Where(g => g.UserId == source.Id && g.EndsAt != null && g.EndsAt > now)
                    .ToDictionaryAsync(g => (g.Platform, g.Key), g => g.EndsAt!.Value, ct);
                return (AccessPair.Of(source), null, $"Copied from {source.FullName}", new PlanOrigin(GrantSource.Copy, source.FullName, Ends: ends));
            case AccessPlan.Grant(var platform, var keys, var endsAt):
                if (endsAt is { } end && TemporaryGrantRules.CheckEnd(clock.GetUtcNow().UtcDateTime, end) is { } badEnd)
                {
                    return (null, badEnd.Message, "", none);
                }
                return (current.With(platform, GrantRules.AsGivenBy(actor, platform, current.For(platform),
                        keys.Aggregate(current.For(platform), (set, key) => set.With(key, true)))), null,
                    $"Granted {string.Join(", ", keys.Select(k => PermissionCatalog.Get(k).Title))} ({platform.Title().ToLowerInvariant()})"
                    + (endsAt is { } until ? $" until {TemporaryAccessService.Stamp(until)}" : ""), new PlanOrigin(GrantSource.Bulk, EndsAt: endsAt));
            case AccessPlan.Revoke(var platform, var keys):
                return (current.With(platform, keys.Where(k => !PermissionCatalog.Get(k).IsAlwaysOn(platform))
                    .Aggregate(current.For(platform), (set, key) => set.With(key, false))), null,
                    $"Revoked {string.Join(", ", keys.Select(k => PermissionCatalog.Get(k).Title))} ({platform.Title().ToLowerInvariant()})", none);
            default:
                return (null, Messages.Say("Unknown change."), "", none);
        }
    }
}
