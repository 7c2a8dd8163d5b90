using System.Net;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Preferences;

/// <summary>
/// The downloads write their times on the reader's clock, the zone's id in the header, as the pages show them: a
/// Kyiv reader's 00:30 is not the UTC 22:30 of the day before.
/// </summary>
public sealed class ZonedExportTests(AppHost host)
{
    // 22:30 UTC on 30 November is 00:30 on 1 December in Kyiv (UTC+2).
    private static readonly DateTime At = new(2026, 11, 30, 22, 30, 0, DateTimeKind.Utc);

    /// <summary>A Kyiv company whose owner granted Anna Analytics until 22:30 UTC on 10 January, every record of it dated <see cref="At"/>.</summary>
    private async Task<(TestCompany Company, string AnnaId)> KyivCompanyAsync()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var version = (await host.FindUserAsync(anna.Id))!.AccessVersion;
        Assert.True((await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, version))).Succeeded);
        await host.DbAsync(async db =>
        {
            await db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.TimeZone, "Europe/Kyiv"));
            await db.AuditEntries.Where(e => e.CompanyId == company.Id).ExecuteUpdateAsync(e => e.SetProperty(x => x.At, At));
            return await db.PermissionGrants.Where(g => g.UserId == anna.Id && g.Key == PermissionKey.Analytics).ExecuteUpdateAsync(g => g
                .SetProperty(x => x.GrantedAt, At).SetProperty(x => x.EndsAt, new DateTime(2027, 1, 10, 22, 30, 0, DateTimeKind.Utc)));
        });
        return (company, anna.Id);
    }

    private static async Task<string> CsvAsync(BrowserSession session, string path)
    {
        var response = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_audit_log_and_a_permission_history_are_written_on_a_Kyiv_readers_clock_with_the_zone_in_the_header()
    {
        var (company, annaId) = await KyivCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var log = await CsvAsync(session, "/audit.csv?action=PermissionGranted");
        var history = await CsvAsync(session, $"/users/{annaId}/permission-history.csv");

        Assert.StartsWith("\uFEFFWhen (Europe/Kyiv),Who,Whom,Change,", log);
        Assert.Contains("\r\n2026-12-01 00:30:00,Olga Owner,Anna Tester,Permission granted,", log);
        Assert.StartsWith("\uFEFFWhen (Europe/Kyiv),Who,From,", history);
        Assert.Contains("\r\n2026-12-01 00:30:00,Olga Owner,", history);
        Assert.DoesNotContain("2026-11-30 22:30", log + history);
        Assert.DoesNotContain("(UTC)", log + history);
    }

    [Fact]
    public async Task Who_has_this_writes_grant_times_and_the_temporary_source_on_the_readers_own_clock()
    {
        var (company, _) = await KyivCompanyAsync();
        // The reader's own zone wins over the company's: 22:30 UTC is 04:00 the next day in Kolkata (UTC+5:30).
        await host.DbAsync(db => db.Users.Where(u => u.Id == company.OwnerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, "Asia/Kolkata")));
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var csv = await CsvAsync(session, "/users/access.csv?permission=Web.Analytics");

        Assert.Contains("Permission,Platform,Name,Email,Department,Status,Source,Granted by,Granted at (Asia/Kolkata),Ends at (Asia/Kolkata)\r\n", csv);
        var anna = csv.Split("\r\n").Single(line => line.Contains("Anna Tester"));
        Assert.Contains("granted by Olga Owner on 1 Dec 2026 · temporary until 11 Jan 2027 04:00 Kolkata (UTC+5:30)", anna);
        Assert.EndsWith(",Olga Owner,2026-12-01 04:00,2027-01-11 04:00", anna);
    }

    [Fact]
    public async Task Who_has_this_on_screen_names_the_readers_zone_in_a_temporary_source()
    {
        var (company, _) = await KyivCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var page = await (await session.GetAsync("/users/access?permission=Web.Analytics")).Content.ReadAsStringAsync();

        Assert.Contains("granted by Olga Owner on 1 Dec 2026 · temporary until 11 Jan 2027 00:30 Kyiv (UTC+2)", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("22:30 UTC", WebUtility.HtmlDecode(page));
    }
}
