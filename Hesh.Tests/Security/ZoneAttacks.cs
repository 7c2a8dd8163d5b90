using System.Net;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Security;

/// <summary>
/// A zone id is read from the database on every circuit: a garbage one (written past the pickers, by hand or by an
/// older build) must never take a page down — times fall back to UTC, named as UTC — and changes nothing.
/// </summary>
public sealed class ZoneAttacks(AppHost host)
{
    public static TheoryData<string> Garbage => new() { "Mars/Olympus", "../../etc/passwd", new string('Z', 10_000) };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_zone_in_the_company_and_user_rows_renders_pages_in_utc_and_changes_nothing(string zone)
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Zoned");
        var at = new DateTime(2027, 1, 10, 20, 0, 0, DateTimeKind.Utc);
        Assert.True((await host.Call<Hesh.Core.DayOffs.DayOffService, Hesh.Core.Common.Result>(s => s.AddAsync(company.OwnerId, user.Id, at, at.AddHours(8), null))).Succeeded);
        var stored = await host.DbAsync(async db =>
        {
            try
            {
                await db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.TimeZone, zone));
                await db.Users.Where(u => u.Id == company.OwnerId).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, zone));
                return true;
            }
            catch (DbUpdateException)
            {
                // PostgreSQL's varchar(64) refuses the 10k id outright: the column is a first defence.
                return false;
            }
        });
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var before = await DbFingerprint.TakeExceptSessionsAsync(host, company.Id);

        foreach (var path in new[] { "/", "/audit", "/users", $"/users/{user.Id}?tab=dayoffs", $"/users/{company.OwnerId}?tab=security" })
        {
            var response = await session.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Mars", html);
            Assert.DoesNotContain("passwd", html);
            if (stored && path.Contains("dayoffs"))
            {
                Assert.Contains("2027-01-10 20:00", html);
                Assert.Contains("From (time, UTC)", html);
            }
        }
        Assert.Equal(before, await DbFingerprint.TakeExceptSessionsAsync(host, company.Id));
    }
}
