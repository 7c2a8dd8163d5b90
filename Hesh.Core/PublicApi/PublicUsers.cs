using Hesh.Core.ApiKeys;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.PublicApi;

/// <summary>A user as the Public API shows them (PRODUCT §8). <see cref="HasPhoto"/> lets the API link the photo.</summary>
public sealed record PublicUser(string Id, string Email, string FirstName, string LastName, string? ExternalUserId, string? Phone,
    UserStatus Status, DateTime CreatedAt, bool HasPhoto, IReadOnlyList<PublicVacation> Vacations)
{
    public string FullName => $"{FirstName} {LastName}".Trim();
}

/// <summary>A day-off of the user (current or coming; past ones are history and not listed).</summary>
public sealed record PublicVacation(DateTime StartAt, DateTime EndAt);

public sealed record PublicUserPage(IReadOnlyList<PublicUser> Users, int Page, int PageSize, int Total);

/// <summary>One page of the company's users, oldest change first, so a sync can walk forward with updated_since.</summary>
public sealed record PublicUserQuery(int Page = 1, int PageSize = PublicUsers.DefaultPageSize, DateTime? UpdatedSince = null, string? Search = null);

/// <summary>A field the caller sent: null means "not sent", a <see cref="Sent{T}"/> with a null value means "clear it".</summary>
public sealed record Sent<T>(T Value);

public sealed record PublicUserPatch(Sent<string?>? FirstName = null, Sent<string?>? LastName = null, Sent<string?>? Phone = null,
    Sent<string?>? ExternalUserId = null, Sent<Guid?>? DepartmentId = null, Sent<Guid?>? PositionId = null);

/// <summary>Why a Public API command was refused, for the status code; the message is the problem's detail.</summary>
public enum ApiRefusal
{
    None,
    NotFound,
    Invalid,
    /// <summary>The key may not do this to this user (the owner, an administrator).</summary>
    Forbidden,
}

public sealed record ApiOutcome(PublicUser? User, ApiRefusal Refusal = ApiRefusal.None, string? Message = null,
    IReadOnlyDictionary<string, string>? Errors = null)
{
    public static ApiOutcome NotFound { get; } = new(null, ApiRefusal.NotFound, "No user with this id in this company.");
}

/// <summary>
/// The users part of the Public API, for a verified <see cref="ApiCaller"/>. Everything is scoped to the key's company:
/// another company's user is "not found" exactly like one that does not exist. A key reads every user of its company
/// but changes neither the owner nor an administrator — those stay with the people who run Hesh. Changes follow the
/// app's own rules (<see cref="InputValidation"/> of the Edit pop-up, <see cref="UserStatusRules"/>), are audited with
/// the key as actor, and a change of status reaches the user's open tabs as the app's own does.
/// </summary>
public sealed class PublicUsers(HeshDbContext db, UserManager<HeshUser> userManager, TimeProvider clock, ILogger<PublicUsers> logger)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;
    /// <summary>Far beyond any company's people, and far from where page × page_size overflows.</summary>
    public const int MaxPage = 1_000_000;
    public const int MaxSearchLength = 100;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The problem of a query, by parameter name; null when it can run.</summary>
    public static IReadOnlyDictionary<string, string>? Check(PublicUserQuery query)
    {
        var errors = new Dictionary<string, string>();
        if (query.Page is < 1 or > MaxPage)
        {
            errors["page"] = $"page must be between 1 and {MaxPage:N0}.";
        }
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors["page_size"] = $"page_size must be between 1 and {MaxPageSize}.";
        }
        if (query.Search is { Length: > MaxSearchLength })
        {
            errors["search"] = $"search must be at most {MaxSearchLength} characters.";
        }
        return errors.Count == 0 ? null : errors;
    }

    public async Task<PublicUserPage> ListAsync(ApiCaller caller, PublicUserQuery query, CancellationToken ct = default)
    {
        var users = db.Users.AsNoTracking().Where(u => u.CompanyId == caller.CompanyId);
        if (query.UpdatedSince is { } since)
        {
            var utc = since.ToUniversalTime();
            users = users.Where(u => u.UpdatedAt >= utc);
        }
        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            var pattern = SearchPattern.Contains(search);
            users = users.Where(u => EF.Functions.Like(u.SearchText, pattern, SearchPattern.Escape)
                || (u.ExternalId != null && EF.Functions.Like(u.ExternalId.ToLower(), pattern, SearchPattern.Escape)));
        }
        var total = await users.CountAsync(ct);
        // Projected, so a page never loads the photos themselves.
        var page = await users.OrderBy(u => u.UpdatedAt).ThenBy(u => u.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(u => new UserFields(u.Id, u.Email, u.FirstName, u.LastName, u.ExternalId, u.PhoneNumber, u.Status, u.CreatedAt, u.Photo != null))
            .ToListAsync(ct);
        return new PublicUserPage(await ShapeAsync(page, ct), query.Page, query.PageSize, total);
    }

    public async Task<PublicUser?> GetAsync(ApiCaller caller, string id, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().Where(u => u.Id == id && u.CompanyId == caller.CompanyId)
            .Select(u => new UserFields(u.Id, u.Email, u.FirstName, u.LastName, u.ExternalId, u.PhoneNumber, u.Status, u.CreatedAt, u.Photo != null))
            .SingleOrDefaultAsync(ct) is { } user ? (await ShapeAsync([user], ct))[0] : null;

    /// <summary>The users of these ids in the key's company, in the order given (the batch call's answer).</summary>
    public async Task<IReadOnlyList<PublicUser>> ManyAsync(ApiCaller caller, IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        var found = new List<UserFields>(ids.Count);
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            found.AddRange(await db.Users.AsNoTracking().Where(u => u.CompanyId == caller.CompanyId && chunk.Contains(u.Id))
                .Select(u => new UserFields(u.Id, u.Email, u.FirstName, u.LastName, u.ExternalId, u.PhoneNumber, u.Status, u.CreatedAt, u.Photo != null))
                .ToListAsync(ct));
        }
        var shaped = (await ShapeAsync(found, ct)).ToDictionary(u => u.Id);
        return [.. ids.Where(shaped.ContainsKey).Select(id => shaped[id])];
    }

    /// <summary>The user's photo, for avatar_image_url.</summary>
    public async Task<(byte[] Content, string ContentType)?> PhotoAsync(ApiCaller caller, string id, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().Where(u => u.Id == id && u.CompanyId == caller.CompanyId && u.Photo != null)
            .Select(u => new { u.Photo, u.PhotoContentType }).SingleOrDefaultAsync(ct) is { } photo
            ? (photo.Photo!, photo.PhotoContentType ?? "image/png") : null;

    public async Task<ApiOutcome> UpdateAsync(ApiCaller caller, string id, PublicUserPatch patch, CancellationToken ct = default)
    {
        var (user, refusal) = await WritableAsync(caller, id, ct);
        if (user is null)
        {
            return refusal!;
        }
        var input = new EditProfileInput
        {
            FirstName = patch.FirstName is { } f ? f.Value ?? "" : user.FirstName,
            LastName = patch.LastName is { } l ? l.Value ?? "" : user.LastName,
            Phone = patch.Phone is { } p ? p.Value : user.PhoneNumber,
            ExternalId = patch.ExternalUserId is { } x ? x.Value : user.ExternalId,
        };
        var errors = InputValidation.Validate(input).FieldErrors.ToDictionary(e => WireName(e.Key), e => e.Value);
        if (patch.DepartmentId?.Value is { } d && !await db.Departments.AnyAsync(x => x.Id == d && x.CompanyId == caller.CompanyId, ct))
        {
            errors["department_id"] = "This department does not exist.";
        }
        if (patch.PositionId?.Value is { } pos && !await db.Positions.AnyAsync(x => x.Id == pos && x.CompanyId == caller.CompanyId, ct))
        {
            errors["position_id"] = "This position does not exist.";
        }
        if (errors.Count > 0)
        {
            return new ApiOutcome(null, ApiRefusal.Invalid, "Some fields are not valid; nothing was changed.", errors);
        }

        user.FirstName = input.FirstName.Trim();
        user.LastName = input.LastName.Trim();
        user.PhoneNumber = Blank(input.Phone);
        user.ExternalId = Blank(input.ExternalId);
        await AuditPlacementAsync(caller, user, patch, ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {UserId} updated through API key {ApiKeyId}", user.Id, caller.KeyId);
        return new ApiOutcome(await ShapeOneAsync(user, ct));
    }

    /// <summary>Activate or deactivate, by the app's status rules; asking for the status the user already has changes nothing.</summary>
    public async Task<ApiOutcome> SetStatusAsync(ApiCaller caller, string id, bool activate, CancellationToken ct = default)
    {
        var (user, refusal) = await WritableAsync(caller, id, ct);
        if (user is null)
        {
            return refusal!;
        }
        var action = activate ? StatusAction.Activate : StatusAction.Inactivate;
        var already = activate ? user.Status == UserStatus.Active : user.Status == UserStatus.Inactive;
        if (already)
        {
            return new ApiOutcome(await ShapeOneAsync(user, ct));
        }
        if (!UserStatusRules.Allows(user.Status, action))
        {
            return new ApiOutcome(null, ApiRefusal.Invalid, user.Status == UserStatus.Pending
                ? "A pending user becomes active by accepting the invitation (setting a password); deactivate or wait."
                : $"A {user.Status.ToString().ToLowerInvariant()} user cannot be {(activate ? "activated" : "deactivated")}.");
        }
        var before = user.Status;
        user.Status = UserStatusRules.After(user.Status, action, user.PasswordHash is not null);
        if (user.Status == UserStatus.Inactive)
        {
            Invitation.Revoke(user);
        }
        AuditLog.RecordBy(db, Now, caller.CompanyId, caller.ActorRef, caller.ActorName, user.Id, user.FullName, AuditAction.StatusChanged,
                "Status", before.ToString(), user.Status.ToString())
            .Announce(AccessChangeKind.Status, $"Status changed to {user.Status}");
        user.AccessVersion++;
        // A new security stamp ends every session the user has open, as the app's own Inactivate does.
        var saved = await userManager.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded)
        {
            return new ApiOutcome(null, ApiRefusal.Invalid, "The user was changed meanwhile; read it again and retry.");
        }
        logger.LogInformation("User {UserId} status {Before} -> {After} through API key {ApiKeyId}", user.Id, before, user.Status, caller.KeyId);
        return new ApiOutcome(await ShapeOneAsync(user, ct));
    }

    /// <summary>
    /// One entry per call, whatever its outcome: the key by name, the operation, and the status code it got. The subject
    /// is the user the call named when that user is of the key's company, else the key itself.
    /// </summary>
    public async Task RecordCallAsync(ApiCaller caller, string operation, int statusCode, string? userId, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var user = userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId && u.CompanyId == caller.CompanyId)
            .Select(u => new { u.Id, Name = u.FirstName + " " + u.LastName }).SingleOrDefaultAsync(ct);
        AuditLog.RecordBy(db, Now, caller.CompanyId, caller.ActorRef, caller.ActorName, user?.Id ?? caller.KeyId.ToString(), user?.Name ?? caller.ActorName,
            AuditAction.ApiCalled, operation, null, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The user a write may change, or why not: the key's own scope (checked here too, not only by the endpoint's
    /// policy, so no caller of Core writes without it), the company, and never the owner or an administrator.
    /// </summary>
    private async Task<(HeshUser? User, ApiOutcome? Refusal)> WritableAsync(ApiCaller caller, string id, CancellationToken ct)
    {
        if (!caller.Has(ApiScopes.UsersWrite))
        {
            return (null, new ApiOutcome(null, ApiRefusal.Forbidden, "This API key does not have the users:write scope."));
        }
        var user = await FindAsync(caller, id, track: true, ct);
        return user is null ? (null, ApiOutcome.NotFound) : Untouchable(user) is { } refusal ? (null, refusal) : (user, null);
    }

    private static ApiOutcome? Untouchable(HeshUser user) => user.IsOwner || user.IsAdmin
        ? new ApiOutcome(null, ApiRefusal.Forbidden, "An API key cannot change the company owner or an administrator; do it in Hesh.")
        : null;

    private async Task AuditPlacementAsync(ApiCaller caller, HeshUser user, PublicUserPatch patch, CancellationToken ct)
    {
        if (patch.DepartmentId is { } d && d.Value != user.DepartmentId)
        {
            AuditLog.RecordBy(db, Now, caller.CompanyId, caller.ActorRef, caller.ActorName, user.Id, user.FullName, AuditAction.PositionChanged,
                "Department", await DepartmentNameAsync(user.DepartmentId, ct), await DepartmentNameAsync(d.Value, ct));
            user.DepartmentId = d.Value;
        }
        if (patch.PositionId is { } p && p.Value != user.PositionId)
        {
            AuditLog.RecordBy(db, Now, caller.CompanyId, caller.ActorRef, caller.ActorName, user.Id, user.FullName, AuditAction.PositionChanged,
                "Position", await PositionNameAsync(user.PositionId, ct), await PositionNameAsync(p.Value, ct));
            user.PositionId = p.Value;
        }
    }

    private async Task<string?> DepartmentNameAsync(Guid? id, CancellationToken ct) =>
        id is null ? null : await db.Departments.Where(x => x.Id == id).Select(x => x.Name).SingleOrDefaultAsync(ct);

    private async Task<string?> PositionNameAsync(Guid? id, CancellationToken ct) =>
        id is null ? null : await db.Positions.Where(x => x.Id == id).Select(x => x.Name).SingleOrDefaultAsync(ct);

    private Task<HeshUser?> FindAsync(ApiCaller caller, string id, bool track, CancellationToken ct) =>
        (track ? db.Users : db.Users.AsNoTracking()).SingleOrDefaultAsync(u => u.Id == id && u.CompanyId == caller.CompanyId, ct);

    private sealed record UserFields(string Id, string? Email, string FirstName, string LastName, string? ExternalId, string? Phone,
        UserStatus Status, DateTime CreatedAt, bool HasPhoto);

    private async Task<PublicUser> ShapeOneAsync(HeshUser u, CancellationToken ct) =>
        (await ShapeAsync([new UserFields(u.Id, u.Email, u.FirstName, u.LastName, u.ExternalId, u.PhoneNumber, u.Status, u.CreatedAt, u.Photo is not null)], ct))[0];

    /// <summary>The API's shape of users, with their current and coming day-offs in one query for the whole page.</summary>
    private async Task<IReadOnlyList<PublicUser>> ShapeAsync(IReadOnlyList<UserFields> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var now = Now;
        var offs = (await db.DayOffs.AsNoTracking().Where(d => ids.Contains(d.UserId) && d.End > now).ToListAsync(ct))
            .ToLookup(d => d.UserId);
        return [.. users.Select(u => new PublicUser(u.Id, u.Email ?? "", u.FirstName, u.LastName, u.ExternalId, u.Phone, u.Status,
            DateTime.SpecifyKind(u.CreatedAt, DateTimeKind.Utc), u.HasPhoto,
            [.. offs[u.Id].OrderBy(d => d.Start).Select(d => new PublicVacation(DateTime.SpecifyKind(d.Start, DateTimeKind.Utc), DateTime.SpecifyKind(d.End, DateTimeKind.Utc)))]))];
    }

    private static string WireName(string field) => field switch
    {
        nameof(EditProfileInput.FirstName) => "first_name",
        nameof(EditProfileInput.LastName) => "last_name",
        nameof(EditProfileInput.Phone) => "phone",
        nameof(EditProfileInput.ExternalId) => "external_user_id",
        _ => field,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
