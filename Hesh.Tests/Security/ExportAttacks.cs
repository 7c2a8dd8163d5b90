using System.Net;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Security;

/// <summary>
/// The audit log's and the analytics' CSV downloads: refused to whoever may not read the page (signed out → sign-in,
/// without the right → not found), never another company's rows, and every cell a spreadsheet would run as a formula
/// made text. A download changes nothing, whoever asks and however.
/// </summary>
public sealed class ExportAttacks(AppHost host)
{
    private static readonly Dictionary<string, string> AnalyticsHeaders = new()
    {
        ["productions-by-status"] = "Status,Productions", ["tasks-done-per-day"] = "Day (UTC),Tasks done", ["failures-per-department"] = "Department,Failed tasks",
    };

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(BrowserSession session, string path)
    {
        var response = await session.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static void AssertNoCsv(HttpResponseMessage response, string body, string header, string what)
    {
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Redirect or HttpStatusCode.Found, $"{what}: {response.StatusCode}");
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        }
        Assert.NotEqual("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(header, body);
    }

    private static async Task Grant(AppHost h, string owner, string user, PermissionKey key)
    {
        var version = (await h.FindUserAsync(user))!.AccessVersion;
        Assert.True((await h.Call<UserPermissionService, Result<PermissionSheet>>(s => s.ToggleAsync(owner, user, Platform.Web, key, true, version))).Succeeded);
    }

    [Fact]
    public async Task Audit_log_csv_signed_out_is_sent_to_sign_in_and_changes_nothing()
    {
        var company = await host.CreateCompanyAsync();
        using var anonymous = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var (response, body) = await GetAsync(anonymous, "/audit.csv");

        AssertNoCsv(response, body, "When (UTC)", "signed out");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Theory]
    [InlineData(PermissionKey.UsersPermissions)]
    [InlineData(PermissionKey.CompanyProfile)]
    [InlineData(PermissionKey.PositionsDepartments)]
    public async Task Audit_log_csv_is_not_found_for_anyone_but_an_admin_whatever_else_they_hold(PermissionKey held)
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Nosy");
        await Grant(host, company.OwnerId, user.Id, held);
        using var session = await host.SignedInAsync(user.Email!);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var (response, body) = await GetAsync(session, "/audit.csv?action=PermissionGranted&search=Nosy");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertNoCsv(response, body, "When (UTC)", held.ToString());
        // The not-found page names the signed-in person in its top bar; the log's rows would name the owner who granted.
        Assert.DoesNotContain("Olga Owner", body);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Theory]
    [InlineData("/audit.csv")]
    [InlineData("/audit.csv?search=")]
    [InlineData("/audit.csv?action=DepartmentAdded")]
    [InlineData("/audit.csv?action=999")]
    [InlineData("/audit.csv?action=Nonsense&search=%25")]
    public async Task Audit_log_csv_holds_only_the_admins_own_company_whatever_the_filter(string path)
    {
        var mine = await host.CreateCompanyAsync();
        var theirs = await host.CreateCompanyAsync();
        var secret = $"Secret-{theirs.Tag}";
        Assert.True((await host.Call<PositionService, Hesh.Core.Common.Result>(s => s.AddDepartmentAsync(theirs.OwnerId, secret, null))).Succeeded);
        Assert.True((await host.Call<PositionService, Hesh.Core.Common.Result>(s => s.AddDepartmentAsync(mine.OwnerId, $"Mine-{mine.Tag}", null))).Succeeded);
        using var session = await host.SignedInAsync(mine.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, mine.Id, theirs.Id);

        var (response, body) = await GetAsync(session, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("When (UTC),Who,Whom,Change,What,Changed,Before,After\r\n", body);
        Assert.DoesNotContain(secret, body);
        Assert.DoesNotContain(theirs.Tag, body);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, mine.Id, theirs.Id));
    }

    [Fact]
    public async Task Audit_log_csv_holds_the_filtered_rows_with_formula_cells_made_text()
    {
        var company = await host.CreateCompanyAsync();
        Assert.True((await host.Call<PositionService, Hesh.Core.Common.Result>(s => s.AddDepartmentAsync(company.OwnerId, "=HYPERLINK(\"http://evil\")", null))).Succeeded);
        Assert.True((await host.Call<PositionService, Hesh.Core.Common.Result>(s => s.AddPositionAsync(company.OwnerId, "@SUM(1+1)"))).Succeeded);
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var (all, allBody) = await GetAsync(session, "/audit.csv");
        var (filtered, filteredBody) = await GetAsync(session, "/audit.csv?action=PositionAdded");

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Matches(@"^audit-log-\d{4}-\d{2}-\d{2}\.csv$", all.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", allBody);
        Assert.Contains(",'@SUM(1+1),", allBody);
        Assert.DoesNotContain(",=HYPERLINK", allBody);
        Assert.DoesNotContain(",@SUM", allBody);
        var rows = filteredBody.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.Contains("Position added", rows[1]);
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
    }

    public static TheoryData<string> Charts() => new(AnalyticsHeaders.Keys);

    [Theory]
    [MemberData(nameof(Charts))]
    public async Task Analytics_csv_signed_out_is_sent_to_sign_in_and_without_analytics_is_not_found(string chart)
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Curious");
        await Grant(host, company.OwnerId, user.Id, PermissionKey.ProductionsEdit);
        using var anonymous = new BrowserSession(host);
        using var session = await host.SignedInAsync(user.Email!);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var (signedOut, signedOutBody) = await GetAsync(anonymous, $"/analytics/{chart}.csv?range=7");
        var (refused, refusedBody) = await GetAsync(session, $"/analytics/{chart}.csv?range=custom&from=2000-01-01&to=2999-01-01");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        AssertNoCsv(signedOut, signedOutBody, AnalyticsHeaders[chart], "signed out");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        AssertNoCsv(refused, refusedBody, AnalyticsHeaders[chart], "without Analytics");
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Theory]
    [InlineData("/analytics/users.csv")]
    [InlineData("/analytics/..%2Faudit.csv")]
    [InlineData("/analytics/ProductionsByStatus.csv")]
    public async Task Analytics_csv_of_an_unknown_chart_is_not_found_even_for_the_owner(string path)
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var (response, body) = await GetAsync(session, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("When (UTC)", body);
    }

    [Fact]
    public async Task Analytics_csv_counts_only_the_holders_own_company_and_makes_department_names_text()
    {
        var mine = await host.CreateCompanyAsync();
        var theirs = await host.CreateCompanyAsync();
        await FailOneTaskAsync(theirs, $"Theirs-{theirs.Tag}");
        await FailOneTaskAsync(mine, "=1+1");
        var analyst = await mine.AddUserAsync("Analyst");
        await Grant(host, mine.OwnerId, analyst.Id, PermissionKey.Analytics);
        using var session = await host.SignedInAsync(analyst.Email!);
        var before = await DbFingerprint.TakeAsync(host, mine.Id, theirs.Id);

        var (status, statusBody) = await GetAsync(session, "/analytics/productions-by-status.csv");
        var (failures, failuresBody) = await GetAsync(session, "/analytics/failures-per-department.csv?range=90");
        var (days, daysBody) = await GetAsync(session, "/analytics/tasks-done-per-day.csv?range=7");

        Assert.All([status, failures, days], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Contains("\r\nTo do,0\r\n", statusBody);
        Assert.Contains("\r\nIn progress,1\r\n", statusBody);
        Assert.Equal("Department,Failed tasks\r\n'=1+1,1\r\n", failuresBody);
        Assert.DoesNotContain(theirs.Tag, failuresBody);
        Assert.Equal(8, daysBody.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Matches(@"^analytics-tasks-done-per-day-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$", days.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, mine.Id, theirs.Id));
    }

    /// <summary>A production of two steps in a department; the first task done, then failed: one failure, the production in progress.</summary>
    private async Task FailOneTaskAsync(TestCompany company, string department)
    {
        Assert.True((await host.Call<PositionService, Hesh.Core.Common.Result>(s => s.AddDepartmentAsync(company.OwnerId, department, null))).Succeeded);
        var departmentId = await host.DbAsync(db => db.Departments.Where(d => d.CompanyId == company.Id).Select(d => d.Id).SingleAsync());
        var worker = await company.AddUserAsync("Worker");
        var products = (Func<ProductService, Task<Hesh.Core.Common.Result>> f) => host.WithScopeAsync(s => f(s.GetRequiredService<ProductService>()));
        var productId = (await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().CreateAsync(company.OwnerId, new ProductInput { Name = "Gate" }))).Value;
        Assert.True((await products(s => s.SaveDraftAsync(company.OwnerId, productId, new ProductInput { Name = "Gate" },
            [new StepInput { Name = "Weld", DepartmentId = departmentId }, new StepInput { Name = "Paint", DepartmentId = departmentId }]))).Succeeded);
        Assert.True((await host.WithScopeAsync(s => s.GetRequiredService<ProductService>().PublishAsync(company.OwnerId, productId))).Succeeded);
        var production = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().LaunchAsync(company.OwnerId, new LaunchInput { ProductId = productId }))).Value;
        var task = (await host.WithScopeAsync(s => s.GetRequiredService<ProductionService>().GetAsync(company.OwnerId, production)))!.Tasks[0].Id;
        var tasks = (Func<TaskService, Task<Hesh.Core.Common.Result>> f) => host.WithScopeAsync(s => f(s.GetRequiredService<TaskService>()));
        Assert.True((await tasks(s => s.AssignAsync(company.OwnerId, [task], worker.Id))).Succeeded);
        Assert.True((await tasks(s => s.StartAsync(worker.Id, task))).Succeeded);
        Assert.True((await tasks(s => s.FinishAsync(worker.Id, task))).Succeeded);
        Assert.True((await tasks(s => s.FailAsync(company.OwnerId, task, "Crack", null))).Succeeded);
    }
}
