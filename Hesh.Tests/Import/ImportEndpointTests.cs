using System.Net;
using Hesh.Core.Users;
using Hesh.Core.Users.Import;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Import;

/// <summary>The Users page's downloads over HTTP: export with the page's filters, the template, an import's report.</summary>
public sealed class ImportEndpointTests(AppHost host)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task Export_csv_holds_the_filtered_users_of_the_admins_company_with_a_dated_name()
    {
        var company = await host.CreateCompanyAsync();
        await company.AddUserAsync("Shown", UserStatus.Pending);
        await company.AddUserAsync("Hidden");
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var response = await session.GetAsync("/users/export.csv?status=Pending");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"^users-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.StartsWith("\uFEFFEmail,First name,Last name,Phone,External id,Department,Position,Status,Role,Created (UTC),Last sign-in (UTC)\r\n", body);
        Assert.Contains("shown-", body);
        Assert.DoesNotContain("hidden-", body);
        Assert.DoesNotContain("owner-", body);
    }

    [Fact]
    public async Task Export_writes_times_on_the_readers_own_clock_naming_their_zone_and_the_import_still_reads_it_back()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Zoned");
        // 20:00 UTC on 30 November is 22:00 in Kyiv (the company's zone) and 01:30 on 1 December in Kolkata (the reader's own).
        await host.DbAsync(async db =>
        {
            await db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.TimeZone, "Europe/Kyiv"));
            await db.Users.Where(u => u.Id == company.OwnerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, "Asia/Kolkata"));
            return await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.CreatedAt, new DateTime(2026, 11, 30, 20, 0, 0, DateTimeKind.Utc))
                .SetProperty(x => x.LastSignInAt, new DateTime(2026, 11, 30, 21, 15, 0, DateTimeKind.Utc)));
        });
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var csv = await (await session.GetAsync("/users/export.csv?q=zoned")).Content.ReadAsStringAsync();
        var xlsx = await (await session.GetAsync("/users/export.xlsx?q=zoned")).Content.ReadAsStreamAsync();

        Assert.StartsWith("\uFEFFEmail,First name,Last name,Phone,External id,Department,Position,Status,Role,Created (Asia/Kolkata),Last sign-in (Asia/Kolkata)\r\n", csv);
        Assert.Contains(",2026-12-01 01:30,2026-12-01 02:45\r\n", csv);
        Assert.DoesNotContain("2026-11-30 20:00", csv);
        foreach (var (file, name) in new[] { (new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "users.csv"), (xlsx, "users.xlsx") })
        {
            var table = await ImportFiles.ReadOkAsync(file, name);
            Assert.Equal(user.Email, table.Rows.Single().Get(ImportColumn.Email));
            Assert.Equal(["Status", "Role", "Created (Asia/Kolkata)", "Last sign-in (Asia/Kolkata)"], table.IgnoredColumns);
        }
    }

    [Fact]
    public async Task Export_xlsx_is_a_workbook_that_the_import_reads_back()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Roundtrip");
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var response = await session.GetAsync("/users/export.xlsx?q=roundtrip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType!.MediaType);
        var table = await ImportFiles.ReadOkAsync(await response.Content.ReadAsStreamAsync(), "users.xlsx");
        Assert.Equal(user.Email, table.Rows.Single().Get(ImportColumn.Email));
        Assert.Equal(["Status", "Role", "Created (UTC)", "Last sign-in (UTC)"], table.IgnoredColumns);
    }

    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("xlsx", Xlsx)]
    public async Task The_template_downloads_for_an_admin(string format, string type)
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var response = await session.GetAsync($"/users/import/template.{format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"hesh-users-template.{format}", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var table = await ImportFiles.ReadOkAsync(await response.Content.ReadAsStreamAsync(), $"template.{format}");
        Assert.Empty(table.IgnoredColumns);
    }

    [Fact]
    public async Task The_report_of_an_import_downloads_for_its_author_only()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Second", admin: true);
        var preview = await host.Call<UserImport, Hesh.Core.Common.Result<ImportPreview>>(s =>
            s.PreviewAsync(company.OwnerId, "people.csv", ImportFiles.Csv(ImportFiles.Header, $"rep-{company.Tag}@test.hesh,Rep,Lee,,,,")));
        var report = (await host.Call<UserImport, Hesh.Core.Common.Result<ImportReport>>(s => s.CommitAsync(company.OwnerId, preview.Value!))).Value!;
        var id = host.Services.GetRequiredService<ImportReports>().Keep(company.OwnerId, report);
        using var owner = await host.SignedInAsync(company.OwnerEmail);
        using var other = await host.SignedInAsync(admin.Email!);

        var mine = await owner.GetAsync($"/users/import/reports/{id}.csv");
        var theirs = await other.GetAsync($"/users/import/reports/{id}.csv");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var body = await mine.Content.ReadAsStringAsync();
        Assert.Contains($"2,rep-{company.Tag}@test.hesh,Created,Invited,{report.Rows[0].UserId}", body);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }
}
