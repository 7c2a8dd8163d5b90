using Hesh.Core.Permissions;
using Hesh.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Hesh.Tests.MultiNode;

/// <summary>Two presence stores on the test Redis stand for two nodes; a node that crashed is played by its leftovers.</summary>
[Trait("Category", "MultiNode")]
public sealed class RedisPresenceStoreTests : IAsyncLifetime
{
    private ConnectionMultiplexer? _redis;

    public async ValueTask InitializeAsync()
    {
        if (TwoNodes.Available)
        {
            _redis = await ConnectionMultiplexer.ConnectAsync(TwoNodes.Redis!);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private RedisPresenceStore NewNode() => new(_redis!, NullLogger<RedisPresenceStore>.Instance);

    [Fact]
    public async Task ANodeSeesTheOthersTabs_AndItsAcknowledgements_AndNoLongerOnceItStops()
    {
        Assert.SkipUnless(TwoNodes.Available, "Redis is not configured (HESH_TEST_REDIS); test.sh sets it.");
        var userId = Guid.NewGuid().ToString();
        var change = Guid.NewGuid();
        using var a = NewNode();
        var b = NewNode();
        b.Put("c:tab", new PresenceEntry(userId, PresenceKind.Circuit, "session-1") { Path = "company", Requires = PermissionKey.CompanyProfile });
        b.Acknowledge("c:tab", change);

        var seen = Assert.Single(await a.OfUserAsync(userId));
        Assert.Equal(("c:tab", b.Node, "company", PermissionKey.CompanyProfile), (seen.Key, seen.Value.Node, seen.Value.Path, seen.Value.Requires));
        Assert.Contains("c:tab", await a.AcknowledgedAsync(change));

        b.Dispose();

        Assert.Empty(await a.OfUserAsync(userId));
    }

    [Fact]
    public async Task TheEntriesOfANodeWhoseHeartbeatStopped_AreIgnoredAndRemoved()
    {
        Assert.SkipUnless(TwoNodes.Available, "Redis is not configured (HESH_TEST_REDIS); test.sh sets it.");
        var userId = Guid.NewGuid().ToString();
        var db = _redis!.GetDatabase();
        // What a crashed node leaves behind: its entry, and no heartbeat any more (its key expired).
        await db.HashSetAsync(RedisPresenceStore.UserKey(userId), "c:orphan",
            """{"userId":"x","kind":"Circuit","node":"crashed","path":"company","requires":"CompanyProfile","connected":true}""");
        using var a = NewNode();

        Assert.Empty(await a.OfUserAsync(userId));
        Assert.False(await db.HashExistsAsync(RedisPresenceStore.UserKey(userId), "c:orphan"));
    }

    [Fact]
    public async Task ANodeTakenForGone_WritesItsEntriesAgainOnItsNextHeartbeat()
    {
        Assert.SkipUnless(TwoNodes.Available, "Redis is not configured (HESH_TEST_REDIS); test.sh sets it.");
        var userId = Guid.NewGuid().ToString();
        using var a = NewNode();
        using var b = NewNode();
        b.Put("h:connection", new PresenceEntry(userId, PresenceKind.Hub, "session-1"));
        Assert.Single(await a.OfUserAsync(userId));

        // As after a pause longer than the heartbeat's lifetime, or a Redis that restarted empty.
        await _redis!.GetDatabase().KeyDeleteAsync([RedisPresenceStore.NodeKey(b.Node), RedisPresenceStore.UserKey(userId)]);
        Assert.Empty(await a.OfUserAsync(userId));

        using var timeout = new CancellationTokenSource(RedisPresenceStore.HeartbeatPeriod * 4);
        while ((await a.OfUserAsync(userId)).Count == 0)
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
