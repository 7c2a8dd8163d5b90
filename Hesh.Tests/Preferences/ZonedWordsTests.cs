using Hesh.Core.AccessRequests;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Preferences;

/// <summary>Sentences Core words for a reader tell their times on that reader's clock, the zone named, never as UTC.</summary>
public sealed class ZonedWordsTests(AppHost host)
{
    private Task SetZoneAsync(string userId, string zone) =>
        host.DbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, zone)));

    [Fact]
    public async Task A_temporary_grants_source_on_the_Permissions_tab_is_on_the_viewers_clock_not_the_holders()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await SetZoneAsync(company.OwnerId, "Asia/Kolkata");
        await SetZoneAsync(anna.Id, "America/New_York");
        var version = (await host.FindUserAsync(anna.Id))!.AccessVersion;
        Assert.True((await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, version))).Succeeded);
        // 20:00 UTC on 10 January 2030 is 01:30 on the 11th in Kolkata.
        await host.DbAsync(db => db.PermissionGrants.Where(g => g.UserId == anna.Id && g.Key == PermissionKey.Analytics)
            .ExecuteUpdateAsync(g => g.SetProperty(x => x.EndsAt, new DateTime(2030, 1, 10, 20, 0, 0, DateTimeKind.Utc))));

        var sheet = await host.Call<UserPermissionService, PermissionSheet?>(s => s.GetAsync(company.OwnerId, anna.Id));

        var why = sheet!.Web.Toggles.Single(t => t.Permission.Key == PermissionKey.Analytics).Why!.Text;
        Assert.StartsWith("temporary until 11 Jan 2030 01:30 Kolkata (UTC+5:30) — granted by Olga Owner on ", why);
    }

    [Fact]
    public async Task An_answered_request_is_refused_telling_when_on_the_approvers_clock()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await SetZoneAsync(company.OwnerId, "Asia/Kolkata");
        var created = await host.Call<AccessRequestService, Result<MyAccessRequest>>(s => s.CreateAsync(anna.Id, new AccessRequestInput(PermissionKey.Analytics, null, 60)));
        Assert.True(created.Succeeded, created.Error);
        Assert.True((await host.Call<AccessRequestService, Result>(s => s.ApproveAsync(company.OwnerId, created.Value!.Id))).Succeeded);
        // Answered at 20:00 UTC: 01:30 the next day for a Kolkata reader.
        await host.DbAsync(db => db.AccessRequests.Where(r => r.Id == created.Value!.Id)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.DecidedAt, new DateTime(2026, 11, 20, 20, 0, 0, DateTimeKind.Utc))));

        var again = await host.Call<AccessRequestService, Result>(s => s.ApproveAsync(company.OwnerId, created.Value!.Id));

        Assert.Equal("This request was already approved by Olga Owner at 21 Nov 01:30 Kolkata (UTC+5:30).", again.Error);
    }
}
