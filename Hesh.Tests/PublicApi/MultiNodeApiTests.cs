using System.Net;
using Hesh.Core.ApiKeys;
using Hesh.Core.Common;
using Hesh.Tests.MultiNode;
using Hesh.Tests.Security;

namespace Hesh.Tests.PublicApi;

/// <summary>Two nodes on one PostgreSQL and one Redis: a revocation counts on the other node at once, and the per-second limit is shared.</summary>
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

    [Fact]
    public async Task The_per_second_limit_is_one_budget_across_nodes()
    {
        Assert.SkipUnless(TwoNodes.Available, "PostgreSQL and Redis are not configured (HESH_TEST_POSTGRES, HESH_TEST_REDIS); test.sh sets them.");
        var company = await nodes.A.CreateCompanyAsync();
        var key = await nodes.A.CreateKeyAsync(company, ApiScopes.UsersRead);
        using var onA = nodes.A.ApiClient(key);
        using var onB = nodes.B.ApiClient(key);
        await onA.GetAsync(ApiKit.Users);

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => (i % 2 == 0 ? onA : onB).GetAsync(ApiKit.Users)));

        // Each node alone would let 15 through (30 in all); shared, at most 15 in the second, one of which came before.
        Assert.True(responses.Count(r => r.IsSuccessStatusCode) <= 14, $"{responses.Count(r => r.IsSuccessStatusCode)} succeeded");
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
    }
}
