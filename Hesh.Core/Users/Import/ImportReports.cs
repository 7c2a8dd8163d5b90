using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Hesh.Core.Users.Import;

/// <summary>
/// Finished import reports, kept an hour for "Download report". A report is found only with its random id and only by the
/// person who ran the import; it lives on the node that ran it (Blazor Server circuits are sticky to their node, and the
/// download comes from the same browser), and is gone after a restart — the audit log keeps the lasting record.
/// </summary>
public sealed class ImportReports(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public string Keep(string actorId, ImportReport report)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        cache.Set(Key(id), (actorId, report), Lifetime);
        return id;
    }

    public ImportReport? Find(string actorId, string id) =>
        id.Length == 32 && cache.TryGetValue(Key(id), out (string Owner, ImportReport Report) kept) && kept.Owner == actorId ? kept.Report : null;

    private static string Key(string id) => $"import-report:{id}";
}
