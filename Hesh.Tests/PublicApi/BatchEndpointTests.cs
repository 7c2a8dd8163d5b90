using System.Net;
using System.Text.Json;
using Hesh.Core.ApiKeys;
using Hesh.Core.Audit;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.PublicApi;

/// <summary>POST /users/batch: everyone or nobody, existing people skipped by email or phone, at most 1,000 per call.</summary>
public sealed class BatchEndpointTests(AppHost host)
{
    private static string Person(string tag, int i, string? phone = null) =>
        JsonSerializer.Serialize(new { external_user_id = $"HR-{i}", email = $"p{i}-{tag}@batch.test", first_name = "Anna", last_name = $"Batch{(char)('a' + i % 26)}", phone });

    private static string Body(params string[] people) => $"{{\"users\":[{string.Join(',', people)}]}}";

    [Fact]
    public async Task New_people_are_created_pending_and_invited_existing_ones_skipped_by_email_or_phone()
    {
        var company = await host.CreateCompanyAsync();
        var known = await company.AddUserAsync("Known");
        await host.DbAsync(async db => await db.Users.Where(u => u.Id == known.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, "+380 44 111 2233")));
        var key = await host.CreateKeyAsync(company, ApiScopes.UsersWrite, name: "HR sync");
        using var api = host.ApiClient(key);
        var fresh = Person(company.Tag, 1);
        var samePhone = JsonSerializer.Serialize(new { email = $"other-{company.Tag}@batch.test", first_name = "Other", last_name = "Person", phone = "+380441112233" });
        var sameEmail = JsonSerializer.Serialize(new { email = known.Email!.ToUpperInvariant(), first_name = "Known", last_name = "Again" });

        var response = await api.PostJsonAsync($"{ApiKit.Users}/batch", Body(fresh, samePhone, sameEmail));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal((1, 2), (body.GetProperty("created").GetInt32(), body.GetProperty("skipped").GetInt32()));
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["created", "skipped", "skipped"], results.Select(r => r.GetProperty("result").GetString()));
        Assert.Equal([null, "exists (phone)", "exists (email)"], results.Select(r => r.GetProperty("reason").GetString()));
        Assert.Equal([known.Id, known.Id], results.Skip(1).Select(r => r.GetProperty("user").GetProperty("id").GetString()));
        var created = results[0].GetProperty("user");
        Assert.Equal(("Pending", "HR-1"), (created.GetProperty("status").GetString(), created.GetProperty("external_user_id").GetString()));
        var stored = await host.DbAsync(db => db.Users.SingleAsync(u => u.Id == created.GetProperty("id").GetString()));
        Assert.Equal((UserStatus.Pending, company.Id), (stored.Status, stored.CompanyId));
        var imported = await host.DbAsync(db => db.AuditEntries.SingleAsync(e => e.CompanyId == company.Id && e.Action == AuditAction.UserImported));
        Assert.Equal(("API key “HR sync”", stored.Id), (imported.ActorName, imported.SubjectId));
        await Mailbox.WaitForAsync(host.PickupDirectory, stored.Email!);
    }

    [Fact]
    public async Task A_batch_of_people_who_all_exist_is_200_and_creates_nobody()
    {
        var company = await host.CreateCompanyAsync();
        var known = await company.AddUserAsync("Known");
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersWrite));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await api.PostJsonAsync($"{ApiKit.Users}/batch", Body(JsonSerializer.Serialize(new { email = known.Email, first_name = "K", last_name = "K" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.JsonAsync()).GetProperty("created").GetInt32());
        Assert.Equal(ApiFingerprint.WithoutCalls(before), ApiFingerprint.WithoutCalls(await DbFingerprint.TakeAsync(host, company.Id)));
    }

    [Fact]
    public async Task One_invalid_item_creates_nobody_and_each_error_is_named_by_its_path()
    {
        var company = await host.CreateCompanyAsync();
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersWrite));
        var before = await DbFingerprint.TakeAsync(host, company.Id);
        var bad = JsonSerializer.Serialize(new { email = "not-an-email", first_name = "Anna", last_name = "Bad" });

        var problem = await (await api.PostJsonAsync($"{ApiKit.Users}/batch", Body(Person(company.Tag, 0), bad, Person(company.Tag, 0)))).AssertProblemAsync(400);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("users[1].email", out _), errors.ToString());
        Assert.Contains("more than once", errors.GetProperty("users[2].email")[0].GetString());
        Assert.Equal(ApiFingerprint.WithoutCalls(before), ApiFingerprint.WithoutCalls(await DbFingerprint.TakeAsync(host, company.Id)));
    }

    [Fact]
    public async Task A_thousand_people_is_the_limit_and_a_thousand_and_one_creates_nobody()
    {
        var company = await host.CreateCompanyAsync();
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersWrite));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var tooMany = await api.PostJsonAsync($"{ApiKit.Users}/batch", Body([.. Enumerable.Range(0, 1001).Select(i => Person(company.Tag, i))]));

        var problem = await tooMany.AssertProblemAsync(400);
        Assert.Contains("1,000", problem.GetProperty("detail").GetString());
        Assert.Equal(ApiFingerprint.WithoutCalls(before), ApiFingerprint.WithoutCalls(await DbFingerprint.TakeAsync(host, company.Id)));

        var exactly = await api.PostJsonAsync($"{ApiKit.Users}/batch", Body([.. Enumerable.Range(0, 1000).Select(i => Person(company.Tag, i))]));
        Assert.Equal(HttpStatusCode.Created, exactly.StatusCode);
        Assert.Equal(1001, await host.DbAsync(db => db.Users.CountAsync(u => u.CompanyId == company.Id)));
    }

    [Theory]
    [InlineData("""{"users":[]}""", "users")]
    [InlineData("""{"users":{}}""", "users")]
    [InlineData("""{"people":[]}""", "people")]
    [InlineData("""{"users":[42]}""", "users[0]")]
    [InlineData("""{"users":[{"email":"a@b.test","first_name":"A","last_name":"B","role":"admin"}]}""", "users[0].role")]
    [InlineData("""{"users":[{"email":["a@b.test"],"first_name":"A","last_name":"B"}]}""", "users[0].email")]
    [InlineData("""{"users":[{"email":"a@b.test","last_name":"B"}]}""", "users[0].first_name")]
    public async Task A_malformed_body_is_a_400_that_names_the_problem(string json, string path)
    {
        var company = await host.CreateCompanyAsync();
        using var api = host.ApiClient(await host.CreateKeyAsync(company, ApiScopes.UsersWrite));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var problem = await (await api.PostJsonAsync($"{ApiKit.Users}/batch", json)).AssertProblemAsync(400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), problem.ToString());
        Assert.Equal(ApiFingerprint.WithoutCalls(before), ApiFingerprint.WithoutCalls(await DbFingerprint.TakeAsync(host, company.Id)));
    }
}
