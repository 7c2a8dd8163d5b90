using System.Net;
using Hesh.Core.ApiKeys;
using Hesh.Core.Common;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.MultiNode;
using Hesh.Tests.Security;

namespace Hesh.Tests.PublicApi;

/// <summary>Two nodes on one PostgreSQL and one Redis: a revocation counts on the other node at once.</summary>
public sealed class MultiNodeApiTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task A_key_revoked_on_one_node_is_refused_by_the_other_at_its_next_call()
    {
        Assert.SkipUnless(TwoNodes.Available, "PostgreSQL and Redis are not configured (HESH_TEST_POSTGRES, HESH_TEST_REDIS); test.sh sets them.");
        var company = await nodes.A.CreateCompanyAsync();
        var key = await nodes.A.CreateKeyAsync(company, ApiScopes.UsersRead);
        using var onB = nodes.B.ApiClient(key);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync(ApiKit.Users)).StatusCode);

        Assert.True((await nodes.A.Call<ApiKeyService, Result>(s => s.RevokeAsync(company.OwnerId, key.Id))).Succeeded);

        await (await onB.GetAsync(ApiKit.Users)).AssertProblemAsync(401);
    }
}

/// <summary>Two nodes on one PostgreSQL and one Redis whose per-minute limit is 6, so that a shared budget shows whatever the machine's speed.</summary>
public sealed class SmallLimitNodes : IAsyncLifetime
{
    public AppHost A { get; private set; } = default!;
    public AppHost B { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!TwoNodes.Available)
        {
            return;
        }
        var settings = new Dictionary<string, string>
        {
            ["Hesh:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Hesh"] = $"{TwoNodes.Postgres};Database=hesh_api_nodes_{Guid.NewGuid():N}",
            ["Hesh:Redis"] = TwoNodes.Redis!,
            ["Hesh:PublicApi:RateLimits:PerMinute"] = "6",
        };
        A = new AppHost(settings);
        await A.InitializeAsync();
        B = new AppHost(settings);
        await B.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (A is not null)
        {
            await A.DbAsync(db => db.Database.EnsureDeletedAsync());
            await A.DisposeAsync();
        }
    }
}

public sealed class SharedRateLimitTests(SmallLimitNodes nodes) : IClassFixture<SmallLimitNodes>
{
    [Fact]
    public async Task A_keys_limit_is_one_budget_across_nodes()
    {
        Assert.SkipUnless(TwoNodes.Available, "PostgreSQL and Redis are not configured (HESH_TEST_POSTGRES, HESH_TEST_REDIS); test.sh sets them.");
        var company = await nodes.A.CreateCompanyAsync();
        var key = await nodes.A.CreateKeyAsync(company, ApiScopes.UsersRead);
        using var onA = nodes.A.ApiClient(key);
        using var onB = nodes.B.ApiClient(key);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await (i % 2 == 0 ? onA : onB).GetAsync(ApiKit.Users)).StatusCode);
        }

        // Each node counting alone would let 6 through on each (all 10); shared, 6 in all.
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[6..]);
    }
}
