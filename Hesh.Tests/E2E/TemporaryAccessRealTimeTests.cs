using System.Globalization;
using Hesh.Core.Audit;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.E2E;

/// <summary>
/// The one real-time run of temporary access: a grant with an end one to two minutes ahead ends by itself on the shared
/// host's expiry loop, in the user's open tab and the admin's, without a reload. It waits a minute or more on a
/// condition, so it is its own collection and runs beside the other browser tests (same host, same browser) instead of
/// holding their queue.
/// </summary>
[Trait("Category", "E2E")]
public sealed class TemporaryAccessRealTimeTests(AppHost host, BrowserHost browser)
{
    /// <summary>Where the lateness of the real-time run is written, for the report (and the test output).</summary>
    private static string LatenessFile => Path.Combine(AppContext.BaseDirectory, "screenshots", "expiry-lateness.txt");

    [Fact]
    public async Task OneMinuteGrant_EndsByItselfInTheUsersOpenTab_WithoutReload_InRealTime()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");

        await using var adminContext = await browser.NewContextAsync(host);
        var admin = await adminContext.NewPageAsync();
        await new SignInPage(admin).SignInAsync(company.OwnerEmail, TestCompany.Password);
        await admin.WaitForCircuitAsync();
        await admin.GotoAsync($"users/{anna.Id}?tab=permissions");
        await admin.WaitForCircuitAsync();
        var web = admin.GetByTestId("access-Web");

        // A custom end: the next whole minute at least a minute ahead (the picker takes minutes), so 60–120 s from now.
        var now = DateTime.UtcNow;
        var end = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(2);
        await web.GetByTestId("Web-Analytics-grant-until").ClickAsync();
        await admin.GetByTestId("until-custom").FillAsync(end.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await admin.GetByTestId("until-custom-apply").ClickAsync();
        await Expect(web.GetByRole(AriaRole.Switch, new() { Name = "Analytics", Exact = true })).ToBeCheckedAsync();
        await Expect(web.GetByTestId("Web-Analytics-until")).ToContainTextAsync($"until {end:HH:mm} UTC");
        var stored = await host.DbAsync(db => db.PermissionGrants.AsNoTracking().SingleAsync(g => g.UserId == anna.Id && g.Key == PermissionKey.Analytics));
        Assert.Equal(end, stored.EndsAt);

        await using var userContext = await browser.NewContextAsync(host);
        var user = await userContext.NewPageAsync();
        await new SignInPage(user).SignInAsync(anna.Email!, TestCompany.Password);
        await user.WaitForCircuitAsync();
        await user.GotoAsync("analytics");
        await user.WaitForCircuitAsync();
        await Expect(user.GetByTestId("no-access")).ToHaveCountAsync(0);
        await user.EvaluateAsync("() => window.__noReload = true");

        // Waited on the page's notice, which stays: the snackbar saying the same lasts 6 s, and a busy machine may miss it.
        await Expect(user.GetByTestId("access-removed")).ToContainTextAsync("Your temporary access to Analytics ended at",
            new LocatorAssertionsToContainTextOptions { Timeout = 150_000 });
        Assert.True(await user.EvaluateAsync<bool>("() => window.__noReload === true"));
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "Analytics" })).ToHaveCountAsync(0);
        // The admin's open tab follows too.
        await Expect(web.GetByRole(AriaRole.Switch, new() { Name = "Analytics", Exact = true })).Not.ToBeCheckedAsync();
        await Expect(admin.GetByTestId("temporary-grants")).ToHaveCountAsync(0);
        await user.Screenshot("temp-01-user-tab-after-expiry");

        var expired = await host.DbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.PermissionExpired));
        var late = expired.At - end;
        var line = $"{DateTime.UtcNow:O} real-time expiry: EndsAt {end:O}, audited {expired.At:O}, late by {late.TotalSeconds:F2} s (interval 1 s)";
        Directory.CreateDirectory(Path.GetDirectoryName(LatenessFile)!);
        await File.AppendAllTextAsync(LatenessFile, line + Environment.NewLine);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        Assert.InRange(late, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.False((await host.FindUserAsync(anna.Id))!.WebAccess.Has(PermissionKey.Analytics));
    }
}
