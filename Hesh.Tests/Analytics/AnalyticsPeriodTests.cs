using Hesh.Core.Analytics;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Analytics;

/// <summary>The period of the bars is decided and applied by the server, whatever a client asks for.</summary>
public sealed class AnalyticsPeriodTests(AppHost host)
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData(7, "2026-11-25")]
    [InlineData(30, "2026-11-02")]
    [InlineData(90, "2026-09-03")]
    public void A_preset_covers_that_many_whole_days_ending_today(int days, string from)
    {
        var range = AnalyticsRange.Last(days, Today);

        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), Today, days), (range.From, range.To, range.Days));
    }

    [Fact]
    public void A_custom_period_is_put_in_order_ends_today_at_the_latest_and_lasts_a_year_at_most()
    {
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 10)), Dates(AnalyticsRange.Custom(new(2026, 11, 10), new(2026, 11, 1), Today)));
        Assert.Equal(Today, AnalyticsRange.Custom(new(2026, 11, 1), new(2027, 3, 1), Today).To);
        Assert.Equal(AnalyticsRange.MaxDays, AnalyticsRange.Custom(new(2000, 1, 1), Today, Today).Days);
    }

    [Theory]
    [InlineData("7", null, null, 7)]
    [InlineData("90", null, null, 90)]
    [InlineData("365", null, null, AnalyticsRange.DefaultDays)]
    [InlineData("-7", null, null, AnalyticsRange.DefaultDays)]
    [InlineData(null, null, null, AnalyticsRange.DefaultDays)]
    [InlineData("custom", "2026-11-20", "2026-11-29", 10)]
    [InlineData("custom", "1900-01-01", "2999-01-01", AnalyticsRange.MaxDays)]
    public void A_range_from_a_query_string_is_a_preset_a_custom_period_cut_to_size_or_the_default(string? range, string? from, string? to, int days)
    {
        var clock = new ManualClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

        var parsed = AnalyticsRange.Parse(range, from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), clock, TimeZoneInfo.Utc);

        Assert.Equal(days, parsed.Days);
        Assert.True(parsed.To <= Today);
    }

    [Theory]
    [InlineData("custom")]
    [InlineData("7")]
    [InlineData(null)]
    public void At_2330_utc_a_Kyiv_companys_range_ends_on_its_own_today_already_the_next_day_there(string? range)
    {
        // 23:30 UTC on 1 December is 01:30 on the 2nd in Kyiv (UTC+2): the company's today is the 2nd.
        var clock = new ManualClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(23, 30)), TimeSpan.Zero));
        var kyivToday = Today.AddDays(1);

        var parsed = AnalyticsRange.Parse(range, kyivToday.AddDays(-6), kyivToday, clock, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv"));

        Assert.Equal(kyivToday, parsed.To);
        Assert.Equal(range is null ? AnalyticsRange.DefaultDays : 7, parsed.Days);
    }

    [Fact]
    public async Task Tasks_done_and_failures_are_counted_within_the_period_only_and_a_company_without_productions_is_told_so()
    {
        var company = await host.CreateCompanyAsync();
        var analytics = (AnalyticsRange? range) => host.WithScopeAsync(s => s.GetRequiredService<AnalyticsService>().GetAsync(company.OwnerId, range));
        Assert.False((await analytics(null))!.HasProductions);

        await RunOneTaskAsync(company);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var week = (await analytics(AnalyticsRange.Last(7, today)))!;
        var quarter = (await analytics(AnalyticsRange.Last(90, today)))!;
        var beforeToday = (await analytics(AnalyticsRange.Custom(today.AddDays(-20), today.AddDays(-1), today)))!;
        var tooLong = (await analytics(new AnalyticsRange(today.AddYears(-5), today.AddDays(3), null)))!;

        Assert.True(week.HasProductions);
        Assert.Equal((7, 1, 1), (week.TasksDonePerDay.Count, week.TasksDone, week.Failures));
        Assert.Equal((90, 1, 1), (quarter.TasksDonePerDay.Count, quarter.TasksDone, quarter.Failures));
        Assert.Equal((20, 0, 0), (beforeToday.TasksDonePerDay.Count, beforeToday.TasksDone, beforeToday.Failures));
        Assert.Equal((AnalyticsRange.MaxDays, today), (tooLong.Range.Days, tooLong.Range.To));
        Assert.Equal(1, week.ProductionsByStatus.Single(c => c.Label == "Done").Count);
    }

    [Fact]
    public async Task Days_are_the_companys_days_a_task_done_just_after_midnight_in_Kolkata_counts_on_that_Kolkata_day()
    {
        var company = await host.CreateCompanyAsync();
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.TimeZone, "Asia/Kolkata")));
        await RunOneTaskAsync(company);
        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, kolkata));
        // 00:10 in Kolkata (UTC+5:30) is 18:40 UTC the day before: a UTC count would put it on yesterday.
        var doneAt = TimeZoneInfo.ConvertTimeToUtc(localToday.ToDateTime(new TimeOnly(0, 10)), kolkata);
        await host.DbAsync(db => db.ProductionTasks.Where(t => t.CompanyId == company.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.DoneAt, doneAt)));

        var report = (await host.WithScopeAsync(s => s.GetRequiredService<AnalyticsService>().GetAsync(company.OwnerId, null)))!;

        Assert.Equal("Asia/Kolkata", report.Zone);
        Assert.Equal(localToday, report.Range.To);
        Assert.Equal((localToday, 1), (report.TasksDonePerDay[^1].Day!.Value, report.TasksDonePerDay[^1].Count));
        Assert.Equal(0, report.TasksDonePerDay[^2].Count);
        Assert.StartsWith("Day (Asia/Kolkata),Tasks done", AnalyticsService.Csv(report, AnalyticsChart.TasksDonePerDay));
    }

    [Fact]
    public void Each_charts_csv_holds_its_rows_with_formula_cells_escaped()
    {
        var report = new AnalyticsReport([new CountBy("Done", 3)], [new CountBy("1 Dec", 2, Today)], [new CountBy("=HYPERLINK(\"x\")", 1)],
            AnalyticsRange.Last(1, Today), true);

        Assert.Equal("Status,Productions\r\nDone,3\r\n", AnalyticsService.Csv(report, AnalyticsChart.ProductionsByStatus));
        Assert.Equal("Day (UTC),Tasks done\r\n2026-12-01,2\r\n", AnalyticsService.Csv(report, AnalyticsChart.TasksDonePerDay));
        Assert.Equal("Department,Failed tasks\r\n\"'=HYPERLINK(\"\"x\"\")\",1\r\n", AnalyticsService.Csv(report, AnalyticsChart.FailuresPerDepartment));
    }

    private static (DateOnly, DateOnly) Dates(AnalyticsRange range) => (range.From, range.To);

    /// <summary>One production of one step, its task done, failed and done again: its task done today, one failure.</summary>
    internal static async Task RunOneTaskAsync(TestCompany company)
    {
        var host = company.Host;
        var performer = await company.AddUserAsync("Performer");
        var productId = (await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().CreateAsync(company.OwnerId, new ProductInput { Name = "Gate" }))).Value;
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().SaveDraftAsync(company.OwnerId, productId, new ProductInput { Name = "Gate" }, [new StepInput { Name = "Weld" }]));
        await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().PublishAsync(company.OwnerId, productId));
        var production = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId }))).Value;
        var task = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().GetAsync(company.OwnerId, production)))!.Tasks.Single().Id;
        var tasks = (Func<TaskService, Task<Hesh.Core.Common.Result>> f) => host.WithScopeAsync(s => f(s.GetRequiredService<TaskService>()));
        await tasks(s => s.AssignAsync(company.OwnerId, [task], performer.Id));
        await tasks(s => s.StartAsync(performer.Id, task));
        await tasks(s => s.FinishAsync(performer.Id, task));
        await tasks(s => s.FailAsync(company.OwnerId, task, "Crack", null));
        await tasks(s => s.StartAsync(performer.Id, task));
        await tasks(s => s.FinishAsync(performer.Id, task));
    }
}
