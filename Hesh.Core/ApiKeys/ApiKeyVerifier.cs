using Hesh.Core.Data;
using Hesh.Core.PublicApi;

namespace Hesh.Core.ApiKeys;

/// <summary>
/// Checks the two headers of a Public API call against the store, on every call: no cache, so a key revoked or expired
/// on one node is refused by every node at its next request. One indexed lookup by prefix, then a constant-time compare
/// of the hashes. Every reason to refuse gives the same null, so a caller cannot tell a wrong tenant from a wrong key.
/// </summary>
public sealed class ApiKeyVerifier(HeshDbContext db, TimeProvider clock)
{
    /// <summary>"Last used" is written at most this often per key, so a busy key does not write on every call.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    // Compared against when no row has the prefix, so a miss costs what a hit costs.
    private static readonly string Decoy = ApiKeySecret.HashOf(ApiKeySecret.New());

    public async Task<ApiCaller?> VerifyAsync(string? secret, string? tenant, CancellationToken ct = default)
    {
        if (!ApiKeySecret.LooksValid(secret) || !Guid.TryParse(tenant, out var companyId))
        {
            return null;
        }
        var prefix = ApiKeySecret.PrefixOf(secret!);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, ct);
        var matches = ApiKeySecret.Matches(secret!, key?.SecretHash ?? Decoy);
        var now = clock.GetUtcNow().UtcDateTime;
        if (key is null || !matches || key.CompanyId != companyId || ApiKeyService.StateOf(key, now) != ApiKeyState.Active)
        {
            return null;
        }
        if (key.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            // A conditional update: of two nodes racing, one writes.
            var due = now - LastUsedResolution;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= due))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        return new ApiCaller(key.Id, key.CompanyId, key.Name, key.Scopes);
    }
}
