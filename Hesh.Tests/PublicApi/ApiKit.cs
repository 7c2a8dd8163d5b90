using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hesh.Core.ApiKeys;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.PublicApi;

/// <summary>A key created as the owner would create it, and a client that sends it the way an integration does.</summary>
public sealed record TestKey(Guid Id, string Secret, Guid TenantId);

public static class ApiKit
{
    public const string Users = "/api/v1/public/users";

    public static async Task<TestKey> CreateKeyAsync(this AppHost host, TestCompany company, ApiScopes scopes = ApiScopes.UsersRead | ApiScopes.UsersWrite,
        string? name = null, DateTime? expiresAt = null)
    {
        var created = await host.Call<ApiKeyService, Result<CreatedApiKey>>(s => s.CreateAsync(company.OwnerId,
            new CreateApiKeyInput { Name = name ?? $"ERP sync {Guid.NewGuid().ToString("N")[..6]}", Scopes = scopes, ExpiresAt = expiresAt }));
        Assert.True(created.Succeeded, created.Error);
        return new TestKey(created.Value!.Key.Id, created.Value.Secret, company.Id);
    }

    /// <summary>An HTTP client of an integration: no cookies, the two headers (left out when null).</summary>
    public static HttpClient ApiClient(this AppHost host, string? secret, Guid? tenant, string? origin = null)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("x-api-key", secret);
        }
        if (tenant is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("x-tenant-id", tenant.Value.ToString());
        }
        if (origin is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Origin", origin);
        }
        return client;
    }

    public static HttpClient ApiClient(this AppHost host, TestKey key, string? origin = null) => host.ApiClient(key.Secret, key.TenantId, origin);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, string json) =>
        client.PatchAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    /// <summary>A problem details body (RFC 9457) with the given status; returns it for more checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body);   // never a stack trace
        return problem;
    }

    public static Task<List<AuditEntry>> ApiCallsAsync(this AppHost host, TestKey key) =>
        host.DbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.CompanyId == key.TenantId && e.Action == AuditAction.ApiCalled && e.ActorId == $"api-key:{key.Id}")
            .OrderBy(e => e.Id).ToListAsync());
}
