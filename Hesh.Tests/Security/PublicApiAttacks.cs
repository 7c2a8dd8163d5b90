using System.Net;
using System.Text;
using Hesh.Core.ApiKeys;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.PublicApi;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Security;

/// <summary>
/// Every Public API operation against every way in without the right key: no key, no tenant, a made-up key, another
/// company's tenant, a revoked or expired key, a Hesh cookie instead of a key, a page of another site, a key without
/// the scope, and another company's user. Each is refused with problem details and writes nothing — the only row a
/// refused call of a known key adds is its own ApiCalled audit entry, which is checked to say the refusal.
/// </summary>
public sealed class PublicApiAttacks(AppHost host)
{
    private sealed record World(Tenant Mine, TestCompany Theirs, string TheirUserId, TestKey Full, TestKey ReadOnly, TestKey WriteOnly,
        TestKey Revoked, TestKey Expired, TestKey TheirKey);

    private static readonly OnceBuilt<World> Built = new();

    private Task<World> WorldAsync() => Built.GetAsync(async () =>
    {
        var mine = await Tenant.CreateAsync(host);
        var theirs = await host.CreateCompanyAsync();
        var stranger = await theirs.AddUserAsync("Stranger");
        var revoked = await host.CreateKeyAsync(mine.Company, name: "Old ERP");
        Assert.True((await host.Call<ApiKeyService, Hesh.Core.Common.Result>(s => s.RevokeAsync(mine.OwnerId, revoked.Id))).Succeeded);
        var expired = await host.CreateKeyAsync(mine.Company, expiresAt: DateTime.UtcNow.AddDays(1));
        await host.DbAsync(db => db.ApiKeys.Where(k => k.Id == expired.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        return new World(mine, theirs, stranger.Id, await host.CreateKeyAsync(mine.Company), await host.CreateKeyAsync(mine.Company, ApiScopes.UsersRead),
            await host.CreateKeyAsync(mine.Company, ApiScopes.UsersWrite), revoked, expired, await host.CreateKeyAsync(theirs));
    });

    /// <summary>Each operation of the API, as a request for a target user (a writer's body where it takes one).</summary>
    private static readonly Dictionary<string, (HttpMethod Method, string Path, string? Body, bool Writes)> Operations = new()
    {
        ["list"] = (HttpMethod.Get, "/api/v1/public/users?search=e", null, false),
        ["get"] = (HttpMethod.Get, "/api/v1/public/users/{id}", null, false),
        ["avatar"] = (HttpMethod.Get, "/api/v1/public/users/{id}/avatar", null, false),
        ["patch"] = (HttpMethod.Patch, "/api/v1/public/users/{id}", """{"first_name":"Mallory","phone":"+1 555 010 0200"}""", true),
        ["deactivate"] = (HttpMethod.Post, "/api/v1/public/users/{id}/deactivate", null, true),
        ["activate"] = (HttpMethod.Post, "/api/v1/public/users/{id}/activate", null, true),
        ["batch"] = (HttpMethod.Post, "/api/v1/public/users/batch", """{"users":[{"email":"mallory@evil.test","first_name":"Mallory","last_name":"Evil"}]}""", true),
    };

    /// <summary>Who calls: the headers they send (null = left out), and the status they must get.</summary>
    private static readonly string[] Unauthenticated = ["no key", "no tenant", "no headers", "made-up key", "garbage key", "two keys", "another company's tenant",
        "tenant not a uuid", "revoked key", "expired key", "their key with my tenant"];

    public static IEnumerable<TheoryDataRow<string>> UnauthenticatedCases() =>
        SecurityTestExtensions.Rows(from who in Unauthenticated from op in Operations.Keys select $"{who} × {op}");

    public static IEnumerable<TheoryDataRow<string>> ForeignOriginCases() => SecurityTestExtensions.Rows(Operations.Keys.Select(op => $"foreign origin × {op}"));

    public static IEnumerable<TheoryDataRow<string>> ScopeCases() => SecurityTestExtensions.Rows(Operations.Where(o => o.Value.Writes).Select(o => $"read-only key × {o.Key}"));

    public static IEnumerable<TheoryDataRow<string>> CrossCompanyCases() =>
        SecurityTestExtensions.Rows(Operations.Where(o => o.Value.Path.Contains("{id}")).Select(o => $"another company's user × {o.Key}"));

    private static HttpRequestMessage Request(string op, string target)
    {
        var (method, path, body, _) = Operations[op];
        var request = new HttpRequestMessage(method, path.Replace("{id}", target));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return request;
    }

    private async Task<(string Mine, string Theirs, string MyKeys, string TheirKeys)> SnapshotAsync(World w) =>
        (ApiFingerprint.WithoutCalls(await DbFingerprint.TakeAsync(host, w.Mine.Id)), ApiFingerprint.WithoutCalls(await DbFingerprint.TakeAsync(host, w.Theirs.Id)),
            await ApiFingerprint.KeysAsync(host, w.Mine.Id), await ApiFingerprint.KeysAsync(host, w.Theirs.Id));

    [Theory]
    [MemberData(nameof(UnauthenticatedCases))]
    public async Task Without_a_valid_key_for_the_tenant_every_operation_is_401_the_same_problem_and_changes_nothing(string attack)
    {
        var w = await WorldAsync();
        var (who, op) = (attack.Split(" × ")[0], attack.Split(" × ")[1]);
        var (secret, tenant) = who switch
        {
            "no key" => (null, w.Mine.Id.ToString()),
            "no tenant" => (w.Full.Secret, null),
            "no headers" => ((string?)null, (string?)null),
            "made-up key" => (ApiKeySecret.New(), w.Mine.Id.ToString()),
            "garbage key" => ("'; DROP TABLE ApiKeys; --", w.Mine.Id.ToString()),
            "two keys" => ($"{w.Full.Secret},{w.Full.Secret}", w.Mine.Id.ToString()),
            "another company's tenant" => (w.Full.Secret, w.Theirs.Id.ToString()),
            "tenant not a uuid" => (w.Full.Secret, "workshop"),
            "revoked key" => (w.Revoked.Secret, w.Mine.Id.ToString()),
            "expired key" => (w.Expired.Secret, w.Mine.Id.ToString()),
            "their key with my tenant" => (w.TheirKey.Secret, w.Mine.Id.ToString()),
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
        var before = await SnapshotAsync(w);
        var calls = await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.Action == Hesh.Core.Audit.AuditAction.ApiCalled && (e.CompanyId == w.Mine.Id || e.CompanyId == w.Theirs.Id)));
        using var request = Request(op, w.Mine.Performer.Id);
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", secret);
        }
        if (tenant is not null)
        {
            request.Headers.TryAddWithoutValidation("x-tenant-id", tenant);
        }

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(401);
        Assert.Equal("Not authenticated", problem.GetProperty("title").GetString());
        Assert.Equal("Send a valid, active API key in x-api-key and its company's id in x-tenant-id.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await SnapshotAsync(w));
        // Nobody is known, so no entry is written (a flood of bad keys must not fill anyone's log).
        Assert.Equal(calls, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.Action == Hesh.Core.Audit.AuditAction.ApiCalled && (e.CompanyId == w.Mine.Id || e.CompanyId == w.Theirs.Id))));
    }

    [Theory]
    [MemberData(nameof(ForeignOriginCases))]
    public async Task A_page_of_another_site_is_refused_even_with_a_valid_key_and_changes_nothing(string attack)
    {
        var w = await WorldAsync();
        using var client = host.ApiClient(w.Full, origin: "https://evil.example");
        var before = await SnapshotAsync(w);

        using var response = await client.SendAsync(Request(attack.Split(" × ")[1], w.Mine.Performer.Id));

        await response.AssertProblemAsync(403);
        Assert.Equal(before, await SnapshotAsync(w));
    }

    [Theory]
    [MemberData(nameof(ScopeCases))]
    public async Task A_key_without_the_operations_scope_is_403_audited_as_such_and_changes_nothing(string attack)
    {
        var w = await WorldAsync();
        var key = w.ReadOnly;
        using var client = host.ApiClient(key);
        var before = await SnapshotAsync(w);

        using var response = await client.SendAsync(Request(attack.Split(" × ")[1], w.Mine.Performer.Id));

        Assert.Contains("scope", (await response.AssertProblemAsync(403)).GetProperty("detail").GetString());
        Assert.Equal(before, await SnapshotAsync(w));
        Assert.Equal("403", (await host.ApiCallsAsync(key)).Last().After);
    }

    [Theory]
    [MemberData(nameof(CrossCompanyCases))]
    public async Task Another_companys_user_is_not_found_and_nothing_of_theirs_changes(string attack)
    {
        var w = await WorldAsync();
        using var client = host.ApiClient(w.Full);
        var before = await SnapshotAsync(w);

        using var response = await client.SendAsync(Request(attack.Split(" × ")[1], w.TheirUserId));

        var body = (await response.AssertProblemAsync(404)).ToString();
        Assert.DoesNotContain(w.Theirs.Tag, body);
        Assert.Equal(before, await SnapshotAsync(w));
    }

    [Fact]
    public async Task A_hesh_cookie_does_not_authenticate_the_api()
    {
        var w = await WorldAsync();
        using var owner = await host.SignedInAsync(w.Mine.Company.OwnerEmail);
        var before = await SnapshotAsync(w);

        foreach (var path in new[] { "/api/v1/public/users", $"/api/v1/public/users/{w.Mine.Performer.Id}" })
        {
            await (await owner.GetAsync(path)).AssertProblemAsync(401);
        }
        Assert.Equal(before, await SnapshotAsync(w));
    }

    [Theory]
    [InlineData("patch")]
    [InlineData("batch")]
    public async Task A_huge_body_is_413_and_changes_nothing(string op)
    {
        var w = await WorldAsync();
        using var client = host.ApiClient(w.Full);
        var before = await SnapshotAsync(w);
        var huge = $"{{\"users\":[{string.Join(',', Enumerable.Repeat("{\"email\":\"" + new string('a', 2000) + "@x.test\",\"first_name\":\"A\",\"last_name\":\"B\"}", 600))}]}}";
        using var request = Request(op, w.Mine.Performer.Id);
        request.Content = new StringContent(huge, Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(413);
        Assert.Equal(before, await SnapshotAsync(w));
    }

    [Theory]
    [InlineData("patch", "{\"first_name\":")]
    [InlineData("patch", "[1,2]")]
    [InlineData("batch", "{\"users\":[{]}")]
    [InlineData("batch", "")]
    public async Task Malformed_json_is_a_400_problem_and_changes_nothing(string op, string json)
    {
        var w = await WorldAsync();
        using var client = host.ApiClient(w.Full);
        var before = await SnapshotAsync(w);
        using var request = Request(op, w.Mine.Performer.Id);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(400);
        Assert.Equal(before, await SnapshotAsync(w));
    }

    [Theory]
    [InlineData("patch", "text/plain")]
    [InlineData("batch", "application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_415_and_changes_nothing(string op, string type)
    {
        var w = await WorldAsync();
        using var client = host.ApiClient(w.Full);
        var before = await SnapshotAsync(w);
        using var request = Request(op, w.Mine.Performer.Id);
        request.Content = new StringContent("first_name=Mallory", Encoding.UTF8, type);

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(415);
        Assert.Equal(before, await SnapshotAsync(w));
    }

    [Fact]
    public async Task A_server_without_origin_and_hesh_own_reference_page_are_both_served()
    {
        var w = await WorldAsync();
        using var server = host.ApiClient(w.ReadOnly);
        using var ownPage = host.ApiClient(w.ReadOnly, origin: host.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/api/v1/public/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownPage.GetAsync("/api/v1/public/users")).StatusCode);
    }
}
