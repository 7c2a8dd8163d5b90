using System.ComponentModel.DataAnnotations;
using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Users;
using Microsoft.Extensions.Logging;

namespace Hesh.Core.ApiKeys;

public enum ApiKeyState
{
    Active,
    Expired,
    Revoked,
}

public sealed record ApiKeyRow(Guid Id, string Name, ApiScopes Scopes, string Prefix, string CreatedByName, DateTime CreatedAt,
    DateTime? LastUsedAt, DateTime? ExpiresAt, DateTime? RevokedAt, string? RevokedByName, ApiKeyState State)
{
    public IReadOnlyList<string> ScopeNames => ApiKeyAccess.ScopeNames(Scopes);
}

/// <summary>The API keys section: the company's id (what integrations send as x-tenant-id) and its keys.</summary>
public sealed record ApiKeysView(Guid CompanyId, IReadOnlyList<ApiKeyRow> Keys);

/// <summary>A key just created: <see cref="Secret"/> is shown this once and never again (only its hash is kept).</summary>
public sealed record CreatedApiKey(ApiKeyRow Key, string Secret);

public sealed class CreateApiKeyInput
{
    [Required(ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.NameRequired))]
    [StringLength(ApiKey.NameMaxLength, ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.NameTooLong))]
    [RegularExpression(@"^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} '’.,&()_/:#\-]*$",
        ErrorMessageResourceType = typeof(Messages), ErrorMessageResourceName = nameof(Messages.NameCharacters))]
    public string Name { get; set; } = "";

    public ApiScopes Scopes { get; set; } = ApiScopes.UsersRead;

    /// <summary>UTC; null for a key that does not expire.</summary>
    public DateTime? ExpiresAt { get; set; }
}

/// <summary>
/// A company's API keys: created, listed and revoked by its owner and administrators (<see cref="ApiKeyAccess"/>).
/// A revoked key is refused on the next request on every node: the API reads the key's row on each call.
/// </summary>
public sealed class ApiKeyService(HeshDbContext db, CurrentActorLoader actors, TimeProvider clock, ILogger<ApiKeyService> logger)
{
    /// <summary>Longest lifetime a key can be given; a key without an expiry lives until revoked.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);
    /// <summary>Keys a company may hold at once (revoked and expired ones do not count): enough for every integration, few enough to review.</summary>
    public const int MaxActiveKeys = 25;

    private static Result NotAllowed => Result.Fail(Messages.Say("Only the company owner and administrators can manage API keys."));
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<IReadOnlyList<ApiKeyRow>>> ListAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !ApiKeyAccess.CanManage(actor))
        {
            return Result<IReadOnlyList<ApiKeyRow>>.From(NotAllowed);
        }
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.CompanyId == actor.CompanyId).ToListAsync(ct);
        var now = Now;
        // Active keys first, newest first within each state.
        IReadOnlyList<ApiKeyRow> rows = [.. keys.Select(k => RowOf(k, now)).OrderBy(r => r.State).ThenByDescending(r => r.CreatedAt)];
        return Result<IReadOnlyList<ApiKeyRow>>.Success(rows);
    }

    /// <summary>The section's content, or null for anyone who may not manage keys (the section is then not shown).</summary>
    public async Task<ApiKeysView?> ViewAsync(string actorId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        var keys = await ListAsync(actorId, ct);
        return actor is not null && keys.Succeeded ? new ApiKeysView(actor.CompanyId, keys.Value!) : null;
    }

    public async Task<Result<CreatedApiKey>> CreateAsync(string actorId, CreateApiKeyInput input, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !ApiKeyAccess.CanManage(actor))
        {
            return Result<CreatedApiKey>.From(NotAllowed);
        }
        var invalid = InputValidation.Validate(input);
        if (!invalid.Succeeded)
        {
            return Result<CreatedApiKey>.From(invalid);
        }
        if (input.Scopes == ApiScopes.None || (input.Scopes & ~(ApiScopes.UsersRead | ApiScopes.UsersWrite)) != 0)
        {
            return Result<CreatedApiKey>.From(Result.Invalid(nameof(input.Scopes), Messages.Say("Choose at least one scope: users:read, users:write or both.")));
        }
        var now = Now;
        if (input.ExpiresAt is { } expires)
        {
            expires = DateTime.SpecifyKind(expires, DateTimeKind.Utc);
            if (expires <= now)
            {
                return Result<CreatedApiKey>.From(Result.Invalid(nameof(input.ExpiresAt), Messages.Say("The expiry must be in the future.")));
            }
            if (expires > now + MaxLifetime)
            {
                return Result<CreatedApiKey>.From(Result.Invalid(nameof(input.ExpiresAt), Messages.Say("A key can expire at most a year from now; choose no expiry for a key that lives until revoked.")));
            }
        }
        var name = input.Name.Trim();
        var active = await db.ApiKeys.Where(k => k.CompanyId == actor.CompanyId && k.RevokedAt == null).Select(k => k.ExpiresAt).ToListAsync(ct);
        if (active.Count(e => e is null || e > now) >= MaxActiveKeys)
        {
            return Result<CreatedApiKey>.From(Result.Fail(Messages.Say("A company can have at most {0} active API keys; revoke one you no longer use first.", MaxActiveKeys)));
        }

        var secret = ApiKeySecret.New();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(), CompanyId = actor.CompanyId, Name = name, Scopes = ApiKeyAccess.Granted(input.Scopes),
            Prefix = ApiKeySecret.PrefixOf(secret), SecretHash = ApiKeySecret.HashOf(secret),
            CreatedById = actor.Id, CreatedByName = actor.Name, CreatedAt = now,
            ExpiresAt = input.ExpiresAt is { } e ? DateTime.SpecifyKind(e, DateTimeKind.Utc) : null,
        };
        db.ApiKeys.Add(key);
        AuditLog.Record(db, now, actor, key.Id.ToString(), key.Name, AuditAction.ApiKeyCreated, "API key", null, Describe(key));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("API key {ApiKeyId} ({ApiKeyPrefix}) created in company {CompanyId} by {ActorId}", key.Id, key.Prefix, actor.CompanyId, actor.Id);
        return Result<CreatedApiKey>.Success(new CreatedApiKey(RowOf(key, now), secret));
    }

    public async Task<Result> RevokeAsync(string actorId, Guid keyId, CancellationToken ct = default)
    {
        var actor = await actors.LoadAsync(actorId, ct);
        if (actor is null || !ApiKeyAccess.CanManage(actor))
        {
            return NotAllowed;
        }
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.CompanyId == actor.CompanyId, ct);
        if (key is null)
        {
            return Result.Fail(Messages.Say("This API key was not found.")) with { IsNotFound = true };
        }
        if (key.RevokedAt is not null)
        {
            return Result.Ok;
        }
        key.RevokedAt = Now;
        key.RevokedByName = actor.Name;
        AuditLog.Record(db, Now, actor, key.Id.ToString(), key.Name, AuditAction.ApiKeyRevoked, "API key", Describe(key), "Revoked");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("API key {ApiKeyId} ({ApiKeyPrefix}) revoked by {ActorId}", key.Id, key.Prefix, actor.Id);
        return Result.Ok;
    }

    public static ApiKeyState StateOf(ApiKey key, DateTime now) =>
        key.RevokedAt is not null ? ApiKeyState.Revoked : key.ExpiresAt is { } e && e <= now ? ApiKeyState.Expired : ApiKeyState.Active;

    private static ApiKeyRow RowOf(ApiKey k, DateTime now) =>
        new(k.Id, k.Name, k.Scopes, k.Prefix, k.CreatedByName, k.CreatedAt, k.LastUsedAt, k.ExpiresAt, k.RevokedAt, k.RevokedByName, StateOf(k, now));

    private static string Describe(ApiKey key) =>
        $"{string.Join(", ", ApiKeyAccess.ScopeNames(key.Scopes))}; {(key.ExpiresAt is { } e ? $"expires {e:yyyy-MM-dd HH:mm} UTC" : "no expiry")}; {key.Prefix}…";
}
