using Hesh.Core.Permissions;
using Hesh.Core.Common;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Core.Users;

/// <summary>
/// Effective access for authorization checks and menus: read from the store, kept briefly, and dropped the
/// moment a change of that user is delivered (by <see cref="AccessNotifier.Deliver"/>, the one place that does),
/// so the very next check sees it. While the bus to other nodes is
/// down it caches nothing (their changes would not reach it); when the bus is back it drops everything. Commands do
/// not use it: they read the actor fresh inside their own unit of work.
/// </summary>
public sealed class ActorCache
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly IMemoryCache _cache;
    private readonly IServiceScopeFactory _scopes;
    // Bumped by each invalidation: a load that started before a change must not put the old access back.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _generations = new();
    // Part of every key: bumping it drops every entry at once.
    private long _epoch;
    private volatile bool _outage;

    public ActorCache(IMemoryCache cache, IServiceScopeFactory scopes)
    {
        _cache = cache;
        _scopes = scopes;
    }

    public async Task<Actor?> GetAsync(string? userId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return null;
        }
        var epoch = Interlocked.Read(ref _epoch);
        if (_cache.TryGetValue(Key(epoch, userId), out Actor? cached))
        {
            return cached;
        }
        var generation = _generations.GetOrAdd(userId, 0);
        await using var scope = _scopes.CreateAsyncScope();
        var actor = await scope.ServiceProvider.GetRequiredService<CurrentActorLoader>().LoadAsync(userId, ct);
        if (!_outage && _generations.TryGetValue(userId, out var now) && now == generation)
        {
            _cache.Set(Key(epoch, userId), actor, Lifetime);
        }
        return actor;
    }

    public void Invalidate(string userId)
    {
        _generations.AddOrUpdate(userId, 1, (_, g) => g + 1);
        _cache.Remove(Key(Interlocked.Read(ref _epoch), userId));
    }

    /// <summary>A change was delivered: its user's entry goes; an outage stops caching, a resync drops everything.</summary>
    internal void Apply(AccessChanged change)
    {
        if (change.IsCompanyWide)
        {
            return;
        }
        if (!change.IsBusEvent)
        {
            Invalidate(change.UserId);
            return;
        }
        _outage = change.Kind == AccessChangeKind.Outage;
        foreach (var userId in _generations.Keys)
        {
            _generations.AddOrUpdate(userId, 1, (_, g) => g + 1);
        }
        Interlocked.Increment(ref _epoch);
    }

    private static string Key(long epoch, string userId) => $"hesh:actor:{epoch}:{userId}";
}
