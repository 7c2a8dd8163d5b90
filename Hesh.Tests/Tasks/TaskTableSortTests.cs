using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Tasks;

/// <summary>The task table's order, asked of Core as the page asks it, on SQLite (the shared host) and PostgreSQL.</summary>
public abstract class TaskTableSortTests(AppHost host)
{
    private static readonly string[] StepNames = ["Paint", "Cut", "Weld", "Bend", "Assemble", "Drill", "Glue", "Hone", "Inspect", "Join", "Kit", "Lap"];

    /// <summary>
    /// Twelve tasks of one production (orders 1–12). Steps 1–3 in Assembly, 4–5 in Welding, the rest in none; step 2 and 4
    /// assigned to Ann, 6 to Bob, the rest to nobody; 3 and 7 done, 5 blocked, the rest as launched.
    /// </summary>
    private async Task<TestCompany> SeedAsync()
    {
        var company = await host.CreateCompanyAsync();
        var (assembly, welding) = await host.DbAsync(async db =>
        {
            var a = new Department { CompanyId = company.Id, Name = "Assembly" };
            var w = new Department { CompanyId = company.Id, Name = "Welding" };
            db.Departments.AddRange(a, w);
            await db.SaveChangesAsync();
            return (a.Id, w.Id);
        });
        var id = (await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().CreateAsync(company.OwnerId, new ProductInput { Name = "Gate" }))).Value;
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(company.OwnerId, id, new ProductInput { Name = "Gate" },
            StepNames.Select((name, i) => new StepInput { Name = name, DepartmentId = i < 3 ? assembly : i < 5 ? welding : null }).ToList()));
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().PublishAsync(company.OwnerId, id));
        Assert.True((await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().LaunchAsync(company.OwnerId, new LaunchInput { ProductId = id }))).Succeeded);
        var ann = await company.AddUserAsync("Ann");
        var bob = await company.AddUserAsync("Bob");
        async Task SetAsync(int order, string? assignee, WorkStatus? status = null) =>
            await host.DbAsync(db => db.ProductionTasks.Where(t => t.CompanyId == company.Id && t.Order == order).ExecuteUpdateAsync(t => t
                .SetProperty(x => x.AssigneeId, assignee).SetProperty(x => x.Status, x => status ?? x.Status)));
        await SetAsync(2, ann.Id);
        await SetAsync(4, ann.Id);
        await SetAsync(6, bob.Id);
        await SetAsync(3, null, WorkStatus.Done);
        await SetAsync(7, null, WorkStatus.Done);
        await SetAsync(5, null, WorkStatus.Blocked);
        return company;
    }

    private async Task<IReadOnlyList<TaskListRow>> RowsAsync(TestCompany company, string? sort, int page = 0, int size = 25)
    {
        var result = await host.WithScopeAsync(s => s.GetRequiredService<TaskQueries>()
            .ListAsync(company.OwnerId, new TaskQuery(Page: page, PageSize: size, Sort: TaskSorts.Parse(sort))));
        Assert.True(result.Succeeded, result.Error);
        return result.Value!.Items;
    }

    private async Task<int[]> OrdersAsync(TestCompany company, string? sort) => (await RowsAsync(company, sort)).Select(r => r.Order).ToArray();

    [Theory]
    [InlineData(null, "1 2 3 4 5 6 7 8 9 10 11 12")]
    [InlineData("-key", "12 11 10 9 8 7 6 5 4 3 2 1")]
    [InlineData("department", "1 2 3 4 5 6 7 8 9 10 11 12")]
    [InlineData("-department", "4 5 1 2 3 6 7 8 9 10 11 12")]
    [InlineData("assignee", "2 4 6 1 3 5 7 8 9 10 11 12")]
    [InlineData("-assignee", "6 2 4 1 3 5 7 8 9 10 11 12")]
    [InlineData("status", "1 2 4 6 8 9 10 11 12 5 3 7")]
    [InlineData("-status", "3 7 5 1 2 4 6 8 9 10 11 12")]
    public async Task Each_sort_field_and_direction_orders_the_table_with_blanks_last_and_the_key_breaking_ties(string? sort, string expected)
    {
        var company = await SeedAsync();

        Assert.Equal(expected.Split(' ').Select(int.Parse), await OrdersAsync(company, sort));
    }

    [Fact]
    public async Task The_key_sorts_by_number_so_that_step_10_comes_after_step_2()
    {
        var company = await SeedAsync();

        var keys = (await RowsAsync(company, "key")).Select(r => r.Key).ToList();

        Assert.True(keys.IndexOf(keys.Single(k => k.EndsWith("-2", StringComparison.Ordinal))) < keys.IndexOf(keys.Single(k => k.EndsWith("-10", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("name", false)]
    [InlineData("-name", true)]
    public async Task The_task_name_sorts_alphabetically_both_ways(string sort, bool descending)
    {
        var company = await SeedAsync();

        var names = (await RowsAsync(company, sort)).Select(r => r.Name).ToList();

        var expected = descending ? StepNames.OrderDescending(StringComparer.Ordinal) : StepNames.Order(StringComparer.Ordinal);
        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData("-key")]
    [InlineData("name")]
    [InlineData("department")]
    [InlineData("-assignee")]
    [InlineData("status")]
    public async Task Pages_of_five_put_together_give_the_whole_sorted_table_without_repeats_or_gaps(string sort)
    {
        var company = await SeedAsync();

        var paged = new List<int>();
        for (var page = 0; page < 3; page++)
        {
            paged.AddRange((await RowsAsync(company, sort, page, 5)).Select(r => r.Order));
        }

        Assert.Equal(await OrdersAsync(company, sort), paged);
    }

    [Theory]
    [InlineData("order")]
    [InlineData("0")]
    [InlineData("key desc")]
    [InlineData("Key'); DELETE FROM \"ProductionTasks\"; --")]
    public async Task An_unknown_sort_gives_the_default_order_not_an_error(string sort)
    {
        var company = await SeedAsync();

        Assert.Equal(await OrdersAsync(company, null), await OrdersAsync(company, sort));
        Assert.Equal(await OrdersAsync(company, null), await OrdersAsync(company, new string('x', 200_000)));
    }
}

public sealed class TaskTableSortOnSqliteTests(AppHost host) : TaskTableSortTests(host);

public sealed class TaskTableSortOnPostgresTests(PostgresHost host) : TaskTableSortTests(host.App), IClassFixture<PostgresHost>;
