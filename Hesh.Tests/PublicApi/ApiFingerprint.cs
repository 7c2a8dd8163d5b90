using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.PublicApi;

/// <summary>
/// A refused API call still writes one thing on purpose: its own ApiCalled audit entry (the key tried). Comparing a
/// fingerprint without those entries checks that nothing else was written; the API keys' rows are added to it.
/// </summary>
public static class ApiFingerprint
{
    public static string WithoutCalls(string fingerprint) =>
        string.Join('\n', fingerprint.Split('\n').Where(l => !l.Contains("|ApiCalled|") && !l.StartsWith("audit entries:", StringComparison.Ordinal)));

    /// <summary>The company's keys, without "last used" (a call moves it, as a sign-in moves "last seen").</summary>
    public static Task<string> KeysAsync(AppHost host, Guid company) =>
        host.DbAsync(async db => string.Join('\n', (await db.ApiKeys.AsNoTracking().Where(k => k.CompanyId == company).OrderBy(k => k.Id).ToListAsync())
            .Select(k => $"key {k.Id}|{k.Name}|{k.Scopes}|{k.Prefix}|{k.SecretHash}|{k.ExpiresAt:O}|{k.RevokedAt:O}|{k.RevokedByName}")));
}
