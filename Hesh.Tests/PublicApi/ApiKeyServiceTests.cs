using Hesh.Core.ApiKeys;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.PublicApi;

/// <summary>The rules of API keys: who manages them, what a secret looks like, how long a key lives, what the log says.</summary>
public sealed class ApiKeyServiceTests(AppHost host)
{
    [Fact]
    public void A_secret_is_long_random_and_starts_with_hesh()
    {
        var secrets = Enumerable.Range(0, 200).Select(_ => ApiKeySecret.New()).ToList();

        Assert.All(secrets, s => Assert.True(ApiKeySecret.LooksValid(s), s));
        Assert.All(secrets, s => Assert.Equal(ApiKeySecret.Length, s.Length));
        Assert.Equal(secrets.Count, secrets.Select(ApiKeySecret.PrefixOf).Distinct().Count());
        Assert.False(ApiKeySecret.LooksValid("hesh_" + new string('-', 40)));
        Assert.False(ApiKeySecret.LooksValid(secrets[0][..^1]));
    }

    [Fact]
    public void A_new_key_expires_in_90_days_unless_its_creator_chooses_otherwise()
    {
        var now = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

        Assert.Equal(now.AddDays(90), ApiKeyExpiries.EndOf(ApiKeyExpiries.Default, null, now).Value);
        Assert.Null(ApiKeyExpiries.EndOf(ApiKeyExpiries.Never, null, now).Value);
        Assert.Equal(new DateTime(2027, 1, 15, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999),
            ApiKeyExpiries.EndOf(ApiKeyExpiries.OnDate, new DateTime(2027, 1, 15), now).Value);
        Assert.Contains(nameof(CreateApiKeyInput.ExpiresAt), ApiKeyExpiries.EndOf(ApiKeyExpiries.OnDate, null, now).FieldErrors.Keys);
        Assert.False(ApiKeyExpiries.EndOf("1000", null, now).Succeeded);
    }

    [Fact]
    public void A_key_chosen_to_expire_on_a_date_lasts_to_the_end_of_that_day_on_the_choosers_clock()
    {
        var now = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
        var kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");

        // Midnight after 15 January in Kyiv (UTC+2 in winter) is 22:00 UTC on the 15th.
        Assert.Equal(new DateTime(2027, 1, 15, 21, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999),
            ApiKeyExpiries.EndOf(ApiKeyExpiries.OnDate, new DateTime(2027, 1, 15), now, kyiv).Value);
    }

    [Fact]
    public async Task An_admin_creates_a_key_the_secret_is_returned_once_and_both_changes_are_audited()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Adam", admin: true);

        var created = await host.Call<ApiKeyService, Result<CreatedApiKey>>(s => s.CreateAsync(admin.Id,
            new CreateApiKeyInput { Name = "ERP sync", Scopes = ApiScopes.UsersRead | ApiScopes.UsersWrite, ExpiresAt = DateTime.UtcNow.AddDays(90) }));
        var listed = await host.Call<ApiKeyService, Result<IReadOnlyList<ApiKeyRow>>>(s => s.ListAsync(company.OwnerId));
        Assert.True((await host.Call<ApiKeyService, Result>(s => s.RevokeAsync(company.OwnerId, created.Value!.Key.Id))).Succeeded);
        var after = await host.Call<ApiKeyService, Result<IReadOnlyList<ApiKeyRow>>>(s => s.ListAsync(admin.Id));

        var row = Assert.Single(listed.Value!);
        Assert.Equal(("ERP sync", "Adam Tester", ApiKeyState.Active), (row.Name, row.CreatedByName, row.State));
        Assert.Equal(["users:read", "users:write"], row.ScopeNames);
        Assert.StartsWith(row.Prefix, created.Value!.Secret);
        Assert.Equal((ApiKeyState.Revoked, "Olga Owner"), (after.Value![0].State, after.Value[0].RevokedByName));
        var audit = await host.DbAsync(db => db.AuditEntries.Where(e => e.CompanyId == company.Id && e.SubjectId == row.Id.ToString()).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditAction.ApiKeyCreated, AuditAction.ApiKeyRevoked], audit.Select(e => e.Action));
        Assert.Equal(("Adam Tester", "Olga Owner"), (audit[0].ActorName, audit[1].ActorName));
        Assert.DoesNotContain(audit, e => (e.Before + e.After).Contains(created.Value.Secret));
    }

    [Fact]
    public async Task A_users_write_key_is_a_read_and_write_key_because_every_write_answers_with_the_person()
    {
        var company = await host.CreateCompanyAsync();

        var created = await host.Call<ApiKeyService, Result<CreatedApiKey>>(s => s.CreateAsync(company.OwnerId,
            new CreateApiKeyInput { Name = "HR push", Scopes = ApiScopes.UsersWrite }));

        Assert.Equal(["users:read", "users:write"], created.Value!.Key.ScopeNames);
        Assert.True(new Hesh.Core.PublicApi.ApiCaller(Guid.NewGuid(), company.Id, "old row", ApiScopes.UsersWrite).Has(ApiScopes.UsersRead));
        Assert.False(new Hesh.Core.PublicApi.ApiCaller(Guid.NewGuid(), company.Id, "reader", ApiScopes.UsersRead).Has(ApiScopes.UsersWrite));
    }

    [Fact]
    public async Task Core_refuses_a_write_without_the_users_write_scope_even_when_no_endpoint_policy_ran()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rita");
        var reader = new Hesh.Core.PublicApi.ApiCaller(Guid.NewGuid(), company.Id, "reader", ApiScopes.UsersRead);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var update = await host.Call<Hesh.Core.PublicApi.PublicUsers, Hesh.Core.PublicApi.ApiOutcome>(s => s.UpdateAsync(reader, user.Id, new Hesh.Core.PublicApi.PublicUserPatch(FirstName: new Hesh.Core.PublicApi.Sent<string?>("Changed"))));
        var status = await host.Call<Hesh.Core.PublicApi.PublicUsers, Hesh.Core.PublicApi.ApiOutcome>(s => s.SetStatusAsync(reader, user.Id, activate: false));

        Assert.Equal((Hesh.Core.PublicApi.ApiRefusal.Forbidden, Hesh.Core.PublicApi.ApiRefusal.Forbidden), (update.Refusal, status.Refusal));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task A_key_can_live_a_year_at_most_or_until_revoked()
    {
        var company = await host.CreateCompanyAsync();

        var year = await host.Call<ApiKeyService, Result<CreatedApiKey>>(s => s.CreateAsync(company.OwnerId,
            new CreateApiKeyInput { Name = "Year", ExpiresAt = DateTime.UtcNow.AddDays(365) }));
        var forever = await host.Call<ApiKeyService, Result<CreatedApiKey>>(s => s.CreateAsync(company.OwnerId, new CreateApiKeyInput { Name = "Forever" }));
        var tooLong = await host.Call<ApiKeyService, Result<CreatedApiKey>>(s => s.CreateAsync(company.OwnerId,
            new CreateApiKeyInput { Name = "Too long", ExpiresAt = DateTime.UtcNow.AddDays(400) }));

        Assert.True(year.Succeeded && forever.Succeeded);
        Assert.Null(forever.Value!.Key.ExpiresAt);
        Assert.True(tooLong.FieldErrors.ContainsKey(nameof(CreateApiKeyInput.ExpiresAt)));
    }

    [Fact]
    public async Task A_company_holds_a_bounded_number_of_active_keys()
    {
        var company = await host.CreateCompanyAsync();
        for (var i = 0; i < ApiKeyService.MaxActiveKeys; i++)
        {
            await host.CreateKeyAsync(company, name: $"Key {i}");
        }

        var refused = await host.Call<ApiKeyService, Result<CreatedApiKey>>(s => s.CreateAsync(company.OwnerId, new CreateApiKeyInput { Name = "One more" }));

        Assert.False(refused.Succeeded);
        Assert.Contains("revoke", refused.Error);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_its_next_call()
    {
        var company = await host.CreateCompanyAsync();
        var key = await host.CreateKeyAsync(company, ApiScopes.UsersRead);
        using var api = host.ApiClient(key);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync(ApiKit.Users)).StatusCode);

        Assert.True((await host.Call<ApiKeyService, Result>(s => s.RevokeAsync(company.OwnerId, key.Id))).Succeeded);

        await (await api.GetAsync(ApiKit.Users)).AssertProblemAsync(401);
    }

    [Fact]
    public async Task A_key_stops_working_the_moment_it_expires()
    {
        var company = await host.CreateCompanyAsync();
        var key = await host.CreateKeyAsync(company, ApiScopes.UsersRead, expiresAt: DateTime.UtcNow.AddDays(30));
        using var api = host.ApiClient(key);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync(ApiKit.Users)).StatusCode);

        await host.DbAsync(db => db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));

        await (await api.GetAsync(ApiKit.Users)).AssertProblemAsync(401);
        var listed = await host.Call<ApiKeyService, Result<IReadOnlyList<ApiKeyRow>>>(s => s.ListAsync(company.OwnerId));
        Assert.Equal(ApiKeyState.Expired, Assert.Single(listed.Value!).State);
    }
}
