using System.Net;
using System.Text.Json;
using Hesh.Core.ApiKeys;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.DayOffs;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.PublicApi;

/// <summary>The users endpoints with a valid key: the documented shape, paging, filters, changes by the app's rules, and the audit.</summary>
public sealed class UsersEndpointTests(AppHost host)
{
    private static readonly string[] UserFields =
        ["id", "email", "avatar_image_url", "first_name", "last_name", "external_user_id", "full_name", "phone", "status", "created_at", "userVacations"];

    [Fact]
    public async Task Users_are_shaped_exactly_as_Hesh_documents_them_with_their_day_offs()
    {
        var company = await host.CreateCompanyAsync();
        var petra = await company.AddUserAsync("Petra");
        var start = DateTime.UtcNow.Date.AddDays(2);
        Assert.True((await host.Call<DayOffService, Result>(s => s.AddAsync(company.OwnerId, petra.Id, start, start.AddDays(3), "Trip"))).Succeeded);
        var key = await host.CreateKeyAsync(company, ApiScopes.UsersRead);
        using var api = host.ApiClient(key);

        var response = await api.GetAsync($"{ApiKit.Users}/{petra.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await response.JsonAsync();
        Assert.Equal(UserFields.Order(), user.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(petra.Email, user.GetProperty("email").GetString());
        Assert.Equal("Petra Tester", user.GetProperty("full_name").GetString());
        Assert.Equal("Active", user.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, user.GetProperty("avatar_image_url").ValueKind);
        var vacation = Assert.Single(user.GetProperty("userVacations").EnumerateArray());
        Assert.Equal(start, vacation.GetProperty("start_at").GetDateTime().ToUniversalTime());
        Assert.Equal(start.AddDays(3), vacation.GetProperty("end_at").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task The_list_pages_through_the_company_only_oldest_change_first()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        await other.AddUserAsync("Stranger");
        for (var i = 0; i < 4; i++)
        {
            await company.AddUserAsync($"Worker{(char)('a' + i)}");
        }
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersRead));

        var first = await (await api.GetAsync($"{ApiKit.Users}?page=1&page_size=2")).JsonAsync();
        var third = await (await api.GetAsync($"{ApiKit.Users}?page=3&page_size=2")).JsonAsync();
        var all = await (await api.GetAsync(ApiKit.Users)).JsonAsync();

        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("users").GetArrayLength());
        Assert.Equal(1, third.GetProperty("users").GetArrayLength());
        var emails = all.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("email").GetString()!).ToList();
        Assert.Equal(5, emails.Count);
        Assert.Contains(company.OwnerEmail, emails);
        Assert.DoesNotContain(emails, e => e.Contains(other.Tag));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page_size=101", "page_size")]
    [InlineData("page=2147483647", "page")]
    [InlineData("page_size=0", "page_size")]
    public async Task The_list_refuses_a_page_outside_its_limits_by_name(string query, string parameter)
    {
        var company = await host.CreateCompanyAsync();
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersRead));

        var problem = await (await api.GetAsync($"{ApiKit.Users}?{query}")).AssertProblemAsync(400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("updated_since=yesterday")]
    public async Task An_unreadable_query_is_a_400_problem_not_an_error_page(string query)
    {
        var company = await host.CreateCompanyAsync();
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersRead));

        await (await api.GetAsync($"{ApiKit.Users}?{query}")).AssertProblemAsync(400);
    }

    [Fact]
    public async Task Updated_since_returns_only_users_changed_at_or_after_it()
    {
        var company = await host.CreateCompanyAsync();
        var old = await company.AddUserAsync("Oldie");
        await Task.Delay(20);   // UpdatedAt is the clock's; two writes in the same tick would tie
        var since = DateTime.UtcNow;
        var fresh = await company.AddUserAsync("Fresh");
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersRead));

        var page = await (await api.GetAsync($"{ApiKit.Users}?updated_since={Uri.EscapeDataString(since.ToString("O"))}")).JsonAsync();

        var ids = page.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetString()).ToList();
        Assert.Equal([fresh.Id], ids);
        Assert.DoesNotContain(old.Id, ids);
    }

    [Theory]
    [InlineData("petra")]
    [InlineData("PETRA")]
    [InlineData("hr-77")]
    public async Task Search_matches_names_email_and_external_id(string search)
    {
        var company = await host.CreateCompanyAsync();
        var petra = await company.AddUserAsync("Petra");
        await company.AddUserAsync("Ivan");
        await host.DbAsync(async db => await db.Users.Where(u => u.Id == petra.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ExternalId, "HR-77")));
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersRead));

        var page = await (await api.GetAsync($"{ApiKit.Users}?search={search}")).JsonAsync();

        Assert.Equal(petra.Id, Assert.Single(page.GetProperty("users").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Patch_changes_the_fields_sent_leaves_the_rest_and_null_clears()
    {
        var company = await host.CreateCompanyAsync();
        var petra = await company.AddUserAsync("Petra");
        await host.DbAsync(async db => await db.Users.Where(u => u.Id == petra.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, "+380 44 000 0000").SetProperty(u => u.ExternalId, "OLD-1")));
        using var api = host.ApiClient(await host.CreateKeyAsync(company));

        var response = await api.PatchJsonAsync($"{ApiKit.Users}/{petra.Id}", """{"last_name":"Koval","external_user_id":null}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Petra Koval", body.GetProperty("full_name").GetString());
        var stored = (await host.FindUserAsync(petra.Id))!;
        Assert.Equal(("Petra", "Koval", "+380 44 000 0000", (string?)null), (stored.FirstName, stored.LastName, stored.PhoneNumber, stored.ExternalId));
    }

    [Theory]
    [InlineData("""{"phone":"call me"}""", "phone")]
    [InlineData("""{"first_name":""}""", "first_name")]
    [InlineData("""{"first_name":null}""", "first_name")]
    [InlineData("""{"last_name":"<script>"}""", "last_name")]
    [InlineData("""{"external_user_id":"a b"}""", "external_user_id")]
    [InlineData("""{"department_id":"not-a-uuid"}""", "department_id")]
    [InlineData("""{"department_id":"6a1f0b7e-0c2d-4e8f-9a3b-5c7d9e1f2a4b"}""", "department_id")]
    [InlineData("""{"position_id":"6a1f0b7e-0c2d-4e8f-9a3b-5c7d9e1f2a4b"}""", "position_id")]
    [InlineData("""{"first_name":7}""", "first_name")]
    [InlineData("""{"email":"new@example.com"}""", "email")]
    public async Task Patch_validates_like_the_edit_form_names_the_field_and_changes_nothing(string json, string field)
    {
        var company = await host.CreateCompanyAsync();
        var petra = await company.AddUserAsync("Petra");
        using var api = host.ApiClient(await host.CreateKeyAsync(company));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var problem = await (await api.PatchJsonAsync($"{ApiKit.Users}/{petra.Id}", json)).AssertProblemAsync(400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(ApiFingerprint.WithoutCalls(before), ApiFingerprint.WithoutCalls(await DbFingerprint.TakeAsync(host, company.Id)));
    }

    [Fact]
    public async Task Patch_of_department_and_position_is_audited_with_the_key_as_actor()
    {
        var company = await host.CreateCompanyAsync();
        var petra = await company.AddUserAsync("Petra");
        Assert.True((await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(company.OwnerId, "Welding", null))).Succeeded);
        Assert.True((await host.Call<PositionService, Result>(s => s.AddPositionAsync(company.OwnerId, "Welder"))).Succeeded);
        var department = await host.DbAsync(db => db.Departments.Where(d => d.CompanyId == company.Id).Select(d => d.Id).SingleAsync());
        var position = await host.DbAsync(db => db.Positions.Where(p => p.CompanyId == company.Id).Select(p => p.Id).SingleAsync());
        var key = await host.CreateKeyAsync(company, name: "HR feed");
        using var api = host.ApiClient(key);

        var response = await api.PatchJsonAsync($"{ApiKit.Users}/{petra.Id}", $$"""{"department_id":"{{department}}","position_id":"{{position}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await host.FindUserAsync(petra.Id))!;
        Assert.Equal((department, position), (stored.DepartmentId!.Value, stored.PositionId!.Value));
        var entries = await host.DbAsync(db => db.AuditEntries.Where(e => e.CompanyId == company.Id && e.Action == AuditAction.PositionChanged).ToListAsync());
        Assert.Equal(["Department", "Position"], entries.Select(e => e.What).Order());
        Assert.All(entries, e => Assert.Equal(("API key “HR feed”", $"api-key:{key.Id}", petra.Id), (e.ActorName, e.ActorId, e.SubjectId)));
        Assert.Contains(entries, e => e.After == "Welding");
    }

    [Fact]
    public async Task Deactivate_ends_the_users_sessions_is_audited_and_repeating_it_changes_nothing()
    {
        var company = await host.CreateCompanyAsync();
        var petra = await company.AddUserAsync("Petra");
        var stamp = (await host.FindUserAsync(petra.Id))!.SecurityStamp;
        var key = await host.CreateKeyAsync(company);
        using var api = host.ApiClient(key);

        var first = await api.PostAsync($"{ApiKit.Users}/{petra.Id}/deactivate", null);
        var afterFirst = await DbFingerprint.TakeAsync(host, company.Id);
        var second = await api.PostAsync($"{ApiKit.Users}/{petra.Id}/deactivate", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Inactive", (await first.JsonAsync()).GetProperty("status").GetString());
        var stored = (await host.FindUserAsync(petra.Id))!;
        Assert.Equal(UserStatus.Inactive, stored.Status);
        Assert.NotEqual(stamp, stored.SecurityStamp);
        var entry = await host.DbAsync(db => db.AuditEntries.SingleAsync(e => e.CompanyId == company.Id && e.Action == AuditAction.StatusChanged));
        Assert.Equal(("Active", "Inactive", $"api-key:{key.Id}"), (entry.Before, entry.After, entry.ActorId));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(ApiFingerprint.WithoutCalls(afterFirst), ApiFingerprint.WithoutCalls(await DbFingerprint.TakeAsync(host, company.Id)));
    }

    [Fact]
    public async Task Activate_follows_the_apps_status_rules()
    {
        var company = await host.CreateCompanyAsync();
        var inactive = await company.AddUserAsync("Ivan", UserStatus.Inactive);
        var pending = await company.AddUserAsync("Penny", UserStatus.Pending);
        using var api = host.ApiClient(await host.CreateKeyAsync(company));

        var activated = await api.PostAsync($"{ApiKit.Users}/{inactive.Id}/activate", null);
        var refused = await api.PostAsync($"{ApiKit.Users}/{pending.Id}/activate", null);

        Assert.Equal("Active", (await activated.JsonAsync()).GetProperty("status").GetString());
        Assert.Contains("invitation", (await refused.AssertProblemAsync(400)).GetProperty("detail").GetString());
        Assert.Equal(UserStatus.Pending, (await host.FindUserAsync(pending.Id))!.Status);
    }

    [Theory]
    [InlineData("owner", "deactivate")]
    [InlineData("admin", "deactivate")]
    [InlineData("owner", "patch")]
    [InlineData("admin", "patch")]
    public async Task A_key_cannot_change_the_owner_or_an_administrator(string whom, string how)
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Adam", admin: true);
        var target = whom == "owner" ? company.OwnerId : admin.Id;
        using var api = host.ApiClient(await host.CreateKeyAsync(company));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = how == "patch"
            ? await api.PatchJsonAsync($"{ApiKit.Users}/{target}", """{"first_name":"Mallory"}""")
            : await api.PostAsync($"{ApiKit.Users}/{target}/deactivate", null);

        await response.AssertProblemAsync(403);
        Assert.Equal(ApiFingerprint.WithoutCalls(before), ApiFingerprint.WithoutCalls(await DbFingerprint.TakeAsync(host, company.Id)));
        // ...but reading them is fine.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"{ApiKit.Users}/{target}")).StatusCode);
    }

    [Fact]
    public async Task Every_call_is_audited_with_the_keys_name_the_operation_and_its_status()
    {
        var company = await host.CreateCompanyAsync();
        var petra = await company.AddUserAsync("Petra");
        var key = await host.CreateKeyAsync(company, name: "Payroll");
        using var api = host.ApiClient(key);

        await api.GetAsync(ApiKit.Users);
        await api.GetAsync($"{ApiKit.Users}/{petra.Id}");
        await api.GetAsync($"{ApiKit.Users}/nobody");
        await api.PatchJsonAsync($"{ApiKit.Users}/{petra.Id}", "{\"phone\":\"x\"}");

        var calls = await host.ApiCallsAsync(key);
        Assert.Equal(
            [("GET /api/v1/public/users", "200"), ("GET /api/v1/public/users/{id}", "200"), ("GET /api/v1/public/users/{id}", "404"), ("PATCH /api/v1/public/users/{id}", "400")],
            calls.Select(c => (c.What, c.After!)));
        Assert.All(calls, c => Assert.Equal("API key “Payroll”", c.ActorName));
        Assert.Equal(petra.Id, calls[1].SubjectId);
        Assert.Equal(key.Id.ToString(), calls[2].SubjectId);
    }

    [Fact]
    public async Task Last_used_is_recorded_at_the_first_call()
    {
        var company = await host.CreateCompanyAsync();
        var key = await host.CreateKeyAsync(company, ApiScopes.UsersRead);
        using var api = host.ApiClient(key);
        Assert.Null(await host.DbAsync(db => db.ApiKeys.Where(k => k.Id == key.Id).Select(k => k.LastUsedAt).SingleAsync()));

        await api.GetAsync(ApiKit.Users);

        Assert.NotNull(await host.DbAsync(db => db.ApiKeys.Where(k => k.Id == key.Id).Select(k => k.LastUsedAt).SingleAsync()));
    }

    [Fact]
    public async Task The_avatar_link_serves_the_users_photo_with_the_same_headers()
    {
        var company = await host.CreateCompanyAsync();
        var petra = await company.AddUserAsync("Petra");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        await host.DbAsync(async db => await db.Users.Where(u => u.Id == petra.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Photo, png).SetProperty(u => u.PhotoContentType, "image/png")));
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersRead));

        var url = (await (await api.GetAsync($"{ApiKit.Users}/{petra.Id}")).JsonAsync()).GetProperty("avatar_image_url").GetString()!;
        var photo = await api.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await photo.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem_not_the_apps_page()
    {
        var company = await host.CreateCompanyAsync();
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersRead));

        await (await api.GetAsync("/api/v1/public/nothing-here")).AssertProblemAsync(404);
        await (await api.DeleteAsync($"{ApiKit.Users}/x")).AssertProblemAsync(405);
    }
}
