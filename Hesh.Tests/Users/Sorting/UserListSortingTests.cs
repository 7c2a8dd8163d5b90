using Hesh.Core.Common;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Users.Sorting;

/// <summary>The Users list's order, asked of Core as the page asks it, on SQLite (the shared host) and PostgreSQL.</summary>
public abstract class UserListSortingTests(AppHost host)
{
    /// <summary>
    /// Bob Avery: pending, no department, never signed in, created 5 Jan. Ann Bell: active, Welding, an hour ago, 3 Jan.
    /// Cy Cole: inactive, Assembly, 3 days ago, 1 Jan. Di Dunn: active, Assembly, never, 4 Jan. Olga Owner: active, none, 2 days ago, 2 Jan.
    /// </summary>
    private async Task<TestCompany> SeedAsync()
    {
        var company = await host.CreateCompanyAsync();
        var now = DateTime.UtcNow;
        var (assembly, welding) = await host.DbAsync(async db =>
        {
            var a = new Department { CompanyId = company.Id, Name = "Assembly" };
            var w = new Department { CompanyId = company.Id, Name = "Welding" };
            db.Departments.AddRange(a, w);
            await db.SaveChangesAsync();
            return (a.Id, w.Id);
        });
        async Task SetAsync(string userId, string first, string last, UserStatus status, Guid? department, DateTime? signedIn, int createdDay) =>
            await host.DbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.FirstName, first).SetProperty(x => x.LastName, last).SetProperty(x => x.Status, status)
                .SetProperty(x => x.DepartmentId, department).SetProperty(x => x.LastSignInAt, signedIn)
                .SetProperty(x => x.CreatedAt, new DateTime(2026, 1, createdDay, 9, 0, 0, DateTimeKind.Utc))));
        await SetAsync((await company.AddUserAsync("Bob")).Id, "Bob", "Avery", UserStatus.Pending, null, null, 5);
        await SetAsync((await company.AddUserAsync("Ann")).Id, "Ann", "Bell", UserStatus.Active, welding, now.AddHours(-1), 3);
        await SetAsync((await company.AddUserAsync("Cy")).Id, "Cy", "Cole", UserStatus.Inactive, assembly, now.AddDays(-3), 1);
        await SetAsync((await company.AddUserAsync("Di")).Id, "Di", "Dunn", UserStatus.Active, assembly, null, 4);
        await SetAsync(company.OwnerId, "Olga", "Owner", UserStatus.Active, null, now.AddDays(-2), 2);
        return company;
    }

    private async Task<string[]> NamesAsync(TestCompany company, string? sort, int page = 0, int size = 25)
    {
        var result = await host.WithScopeAsync(s => s.GetRequiredService<UserQueries>()
            .ListAsync(company.OwnerId, new UserListQuery(Page: page, PageSize: size, Sort: UserSorts.Parse(sort))));
        Assert.True(result.Succeeded, result.Error);
        return result.Value!.Items.Select(r => r.FullName.Split(' ')[0]).ToArray();
    }

    [Theory]
    [InlineData(null, "Bob Ann Cy Di Olga")]
    [InlineData("-name", "Olga Di Cy Ann Bob")]
    [InlineData("status", "Bob Ann Di Olga Cy")]
    [InlineData("-status", "Cy Ann Di Olga Bob")]
    [InlineData("department", "Cy Di Ann Bob Olga")]
    [InlineData("-department", "Ann Cy Di Bob Olga")]
    [InlineData("last-sign-in", "Bob Di Cy Olga Ann")]
    [InlineData("-last-sign-in", "Ann Olga Cy Bob Di")]
    [InlineData("created", "Cy Olga Ann Di Bob")]
    [InlineData("-created", "Bob Di Ann Olga Cy")]
    public async Task Each_sort_field_and_direction_orders_the_list_in_the_database_with_names_breaking_ties(string? sort, string expected)
    {
        var company = await SeedAsync();

        Assert.Equal(expected.Split(' '), await NamesAsync(company, sort));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("-status")]
    [InlineData("department")]
    [InlineData("-last-sign-in")]
    [InlineData("created")]
    public async Task Pages_of_two_put_together_give_the_whole_sorted_list_without_repeats_or_gaps(string sort)
    {
        var company = await SeedAsync();

        var paged = (await NamesAsync(company, sort, 0, 2)).Concat(await NamesAsync(company, sort, 1, 2)).Concat(await NamesAsync(company, sort, 2, 2));

        Assert.Equal(await NamesAsync(company, sort), paged);
    }

    [Fact]
    public async Task Users_alike_in_every_sorted_column_are_ordered_by_id_so_that_paging_neither_repeats_nor_skips_one()
    {
        var company = await host.CreateCompanyAsync();
        for (var i = 0; i < 5; i++)
        {
            await company.AddUserAsync("Twin");
        }
        await host.DbAsync(db => db.Users.Where(u => u.CompanyId == company.Id).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.FirstName, "Twin").SetProperty(x => x.LastName, "Same").SetProperty(x => x.CreatedAt, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))));
        var ids = (await host.DbAsync(db => db.Users.Where(u => u.CompanyId == company.Id).Select(u => u.Id).ToListAsync())).Order(StringComparer.Ordinal).ToList();

        foreach (var sort in new[] { "name", "-name", "created", "-created", "status" })
        {
            var paged = new List<string>();
            for (var page = 0; page < 3; page++)
            {
                var result = await host.WithScopeAsync(s => s.GetRequiredService<UserQueries>()
                    .ListAsync(company.OwnerId, new UserListQuery(Page: page, PageSize: 2, Sort: UserSorts.Parse(sort))));
                paged.AddRange(result.Value!.Items.Select(r => r.Id));
            }
            Assert.Equal(ids, paged);
        }
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("3")]
    [InlineData("1,2")]
    [InlineData("-")]
    [InlineData("--name")]
    [InlineData("lastSignIn")]
    [InlineData("name; DROP TABLE \"AspNetUsers\" --")]
    public async Task An_unknown_sort_gives_the_default_order_not_an_error(string sort)
    {
        var company = await SeedAsync();

        Assert.Equal(await NamesAsync(company, null), await NamesAsync(company, sort));
        Assert.Equal(await NamesAsync(company, new string('-', 100_000) + "name"), await NamesAsync(company, null));
    }
}

public sealed class UserListSortingOnSqliteTests(AppHost host) : UserListSortingTests(host);

public sealed class UserListSortingOnPostgresTests(PostgresHost host) : UserListSortingTests(host.App), IClassFixture<PostgresHost>;

/// <summary>Parsing the address's sort: only the declared names, in kebab case, one leading "-" for descending.</summary>
public sealed class ListSortTests
{
    [Theory]
    [InlineData("name", UserSortField.Name, false)]
    [InlineData("-status", UserSortField.Status, true)]
    [InlineData("department", UserSortField.Department, false)]
    [InlineData("-last-sign-in", UserSortField.LastSignIn, true)]
    [InlineData("Created", UserSortField.Created, false)]
    public void A_known_field_parses_with_its_direction(string text, UserSortField field, bool descending) =>
        Assert.Equal(new ListSort<UserSortField>(field, descending), UserSorts.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("Name,Status")]
    [InlineData("last_sign_in")]
    [InlineData("' OR 1=1 --")]
    public void Anything_else_falls_back_to_the_default(string? text) => Assert.Equal(UserSorts.Default, UserSorts.Parse(text));

    [Fact]
    public void A_huge_value_falls_back_to_the_default() => Assert.Equal(UserSorts.Default, UserSorts.Parse(new string('a', 1_000_000)));

    [Fact]
    public void Every_order_survives_the_round_trip_through_the_address_and_the_default_needs_no_parameter()
    {
        foreach (var field in Enum.GetValues<UserSortField>())
        {
            foreach (var descending in new[] { false, true })
            {
                var sort = new ListSort<UserSortField>(field, descending);
                Assert.Equal(sort, UserSorts.Parse(sort.ToQuery(UserSorts.Default)));
            }
        }
        Assert.Null(UserSorts.Default.ToQuery(UserSorts.Default));
        Assert.Equal("-last-sign-in", new ListSort<UserSortField>(UserSortField.LastSignIn, true).ToQuery(UserSorts.Default));
    }

    [Fact]
    public void A_click_on_the_sorted_column_turns_it_round_and_on_another_sorts_that_one_ascending()
    {
        var byName = UserSorts.Default;
        Assert.Equal(new ListSort<UserSortField>(UserSortField.Name, true), byName.Toggle(UserSortField.Name));
        Assert.Equal(new ListSort<UserSortField>(UserSortField.Created), byName.Toggle(UserSortField.Name).Toggle(UserSortField.Created));
    }
}
