using System.Net;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Security;

/// <summary>
/// The sort in the address (<c>?sort=…</c>) of the Users list and the task table is the attacker's text. It is only
/// ever matched against Core's field names, never put into SQL or parsed as a number: a huge, SQL-ish or numeric
/// value gives the default order and writes nothing; it widens nobody's view, and signed out it is never looked at.
/// </summary>
public sealed class SortAttacks(AppHost host)
{
    public static TheoryData<string> HostileSorts =>
    [
        "name;DROP TABLE \"AspNetUsers\"--",
        "' OR 1=1 --",
        "(SELECT \"PasswordHash\" FROM \"AspNetUsers\")",
        "LastName DESC, PasswordHash",
        "2",
        "-9223372036854775809",
        "%00name",
        "<script>alert(1)</script>",
        new string('-', 3000) + "created",
        new string('z', 4000),
    ];

    /// <summary>Ann Avery, Bob Bell, Olga Owner, by last name; in another company, Eve Attacker.</summary>
    private async Task<TestCompany> SeedAsync()
    {
        var company = await host.CreateCompanyAsync();
        foreach (var (first, last) in new[] { ("Bob", "Bell"), ("Ann", "Avery") })
        {
            var user = await company.AddUserAsync(first);
            await host.DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastName, last)));
        }
        return company;
    }

    [Theory]
    [MemberData(nameof(HostileSorts))]
    public async Task A_hostile_sort_on_the_users_list_shows_the_default_order_and_changes_nothing(string sort)
    {
        var company = await SeedAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await session.GetAsync($"/users?sort={Uri.EscapeDataString(sort)}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"users-grid\"", html);
        // The page's rows arrive over the circuit, not in this HTML: the order is the one Core gives for the text the page passes on.
        var listed = await host.WithScopeAsync(s => s.GetRequiredService<UserQueries>().ListAsync(company.OwnerId, new UserListQuery(Sort: UserSorts.Parse(sort))));
        Assert.Equal(["Ann Avery", "Bob Bell", "Olga Owner"], listed.Value!.Items.Select(r => r.FullName));
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Theory]
    [MemberData(nameof(HostileSorts))]
    public async Task A_hostile_sort_on_the_task_table_shows_the_page_and_changes_nothing(string sort)
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await session.GetAsync($"/tasks?sort={Uri.EscapeDataString(sort)}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"task-table\"", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Theory]
    [InlineData("/users?sort=-created")]
    [InlineData("/tasks?sort=-assignee")]
    public async Task Signed_out_a_sorted_address_sends_to_sign_in_and_shows_nobody(string path)
    {
        var company = await SeedAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);
        using var anonymous = new BrowserSession(host);

        var html = await anonymous.GetPageAsync(path);

        Assert.DoesNotContain("Ann Avery", html);
        Assert.Contains("Input.Password", html);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Sorting_widens_no_view_a_member_without_the_users_list_sees_no_one_and_another_company_is_never_listed()
    {
        var company = await SeedAsync();
        var other = await host.CreateCompanyAsync();
        var eve = await other.AddUserAsync("Eve");
        var member = await company.AddUserAsync("Mo");
        using var owner = await host.SignedInAsync(company.OwnerEmail);
        using var session = await host.SignedInAsync(member.Email!);
        var before = await DbFingerprint.TakeAsync(host, company.Id, other.Id);

        foreach (var sort in new[] { "-created", "department", "-status", "last-sign-in" })
        {
            Assert.DoesNotContain(eve.Email!, await owner.GetPageAsync($"/users?sort={sort}"));
        }
        var html = await session.GetPageAsync("/users?sort=-created");
        Assert.DoesNotContain("Ann Avery", html);
        Assert.DoesNotContain("Bob Bell", html);

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id, other.Id));
    }
}
