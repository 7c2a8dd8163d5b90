using Hesh.Core.Common;
using Hesh.Core.Overview;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Overview;

/// <summary>Who sees which part of the Overview, and the owner's getting-started list ticking itself from the data.</summary>
public sealed class OverviewServiceTests(AppHost host)
{
    private Task<OverviewPage?> OverviewOf(string actorId) => host.Call<OverviewService, OverviewPage?>(s => s.GetAsync(actorId));

    private Task SetWebAccessAsync(string userId, params PermissionKey[] keys) =>
        host.DbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.WebAccess = keys.Aggregate(AccessSet.Defaults(Platform.Web), (set, key) => set.With(key, true));
            user.AccessVersion++;
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task OwnerOfAnEmptyCompany_SeesTheChecklist_WithNothingTicked_AndEmptySections()
    {
        var company = await host.CreateCompanyAsync();

        var page = (await OverviewOf(company.OwnerId))!;

        var checklist = Assert.IsType<GettingStarted>(page.Checklist);
        Assert.Equal([ChecklistStep.Organisation, ChecklistStep.Invite, ChecklistStep.Permissions, ChecklistStep.TwoFactor, ChecklistStep.Product],
            checklist.Items.Select(i => i.Step));
        Assert.All(checklist.Items, i => Assert.False(i.Done, $"{i.Step} is not done in an empty company"));
        Assert.Equal(0, checklist.DoneCount);
        Assert.Equal(0, page.PendingInvitations!.Total);
        Assert.Equal(0, page.OnDayOffToday!.Total);
        Assert.Empty(page.RecentPermissionChanges!);
        Assert.Equal(0, page.ProductionsInProgress!.Total);
        Assert.True(page.CanOpenAuditLog);
    }

    [Fact]
    public async Task AddingADepartment_TicksItsStep_AndInvitingSomeone_TicksInvite_OnlyThoseTwo()
    {
        var company = await host.CreateCompanyAsync();

        Assert.True((await host.Call<PositionService, Result>(s => s.AddDepartmentAsync(company.OwnerId, "Welding", null))).Succeeded);
        await company.AddUserAsync("Invited", UserStatus.Pending);

        var items = (await OverviewOf(company.OwnerId))!.Checklist!.Items.ToDictionary(i => i.Step);
        Assert.True(items[ChecklistStep.Organisation].Done);
        Assert.True(items[ChecklistStep.Invite].Done);
        Assert.False(items[ChecklistStep.Permissions].Done);
        Assert.False(items[ChecklistStep.TwoFactor].Done);
        Assert.False(items[ChecklistStep.Product].Done);
        Assert.Equal("departments", items[ChecklistStep.Organisation].Href);
        Assert.Equal($"users/{company.OwnerId}?tab=security", items[ChecklistStep.TwoFactor].Href);
    }

    [Fact]
    public async Task GrantingAPermission_TicksSetPermissions_AndTheChangeIsListedAsRecent()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var sheet = await host.Call<UserPermissionService, PermissionSheet?>(s => s.GetAsync(company.OwnerId, anna.Id));

        var granted = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, sheet!.Version));

        Assert.True(granted.Succeeded, granted.Error);
        var page = (await OverviewOf(company.OwnerId))!;
        Assert.True(page.Checklist!.Items.Single(i => i.Step == ChecklistStep.Permissions).Done);
        var change = Assert.Single(page.RecentPermissionChanges!);
        Assert.Equal(anna.Id, change.SubjectId);
        Assert.Contains("Analytics", change.What);
    }

    [Fact]
    public async Task APerformer_SeesNoChecklist_NoInvitations_NoPermissionChanges_NoOnlineList_NorProductionsWithoutTheirPermission()
    {
        var company = await host.CreateCompanyAsync();
        await company.AddUserAsync("Waiting", UserStatus.Pending);
        var performer = await company.AddUserAsync("Pavel");

        var page = (await OverviewOf(performer.Id))!;

        Assert.Null(page.Checklist);
        Assert.Null(page.PendingInvitations);
        Assert.Null(page.RecentPermissionChanges);
        Assert.Null(page.OnlineNow);
        Assert.Null(page.OnDayOffToday);
        Assert.Null(page.ProductionsInProgress);
        Assert.False(page.CanOpenAuditLog);
        Assert.Equal("Pavel", page.FirstName);
    }

    [Fact]
    public async Task ProductionsView_OpensProductionsInProgress_TasksView_OpensTodaysDayOffs_NothingMore()
    {
        var company = await host.CreateCompanyAsync();
        var planner = await company.AddUserAsync("Petra");
        await SetWebAccessAsync(planner.Id, PermissionKey.ProductionsView, PermissionKey.TasksView);

        var page = (await OverviewOf(planner.Id))!;

        Assert.NotNull(page.ProductionsInProgress);
        Assert.NotNull(page.OnDayOffToday);
        Assert.Null(page.PendingInvitations);
        Assert.Null(page.RecentPermissionChanges);
        Assert.Null(page.Checklist);
    }

    [Fact]
    public async Task AUsersPermissionsHolder_SeesPendingInvitations_OfTheirOwnCompanyOnly()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Newcomer", UserStatus.Pending);
        await other.AddUserAsync("Stranger", UserStatus.Pending);
        var holder = await company.AddUserAsync("Hana");
        await SetWebAccessAsync(holder.Id, PermissionKey.UsersPermissions);

        var page = (await OverviewOf(holder.Id))!;

        var invitations = page.PendingInvitations!;
        Assert.Equal(1, invitations.Total);
        Assert.Equal(pending.Id, Assert.Single(invitations.Items).UserId);
        Assert.False(invitations.Items[0].Expired);
        Assert.Null(page.Checklist);
        Assert.False(page.CanOpenAuditLog);
    }

    [Fact]
    public async Task SomeoneOnADayOffNow_IsListedAsAwayUntilItsEnd_SomeoneAwayNextWeek_IsNot()
    {
        var company = await host.CreateCompanyAsync();
        var away = await company.AddUserAsync("Away");
        var later = await company.AddUserAsync("Later");
        var now = DateTime.UtcNow;
        Assert.True((await host.Call<Hesh.Core.DayOffs.DayOffService, Result>(s => s.AddAsync(company.OwnerId, away.Id, now.AddHours(-1), now.AddDays(2), null))).Succeeded);
        Assert.True((await host.Call<Hesh.Core.DayOffs.DayOffService, Result>(s => s.AddAsync(company.OwnerId, later.Id, now.AddDays(7), now.AddDays(8), null))).Succeeded);

        var today = (await OverviewOf(company.OwnerId))!.OnDayOffToday!;

        var person = Assert.Single(today.Items);
        Assert.Equal(away.Id, person.UserId);
        Assert.True(person.AwayNow);
        Assert.Equal(1, today.Total);
    }

    [Fact]
    public async Task TodaysDayOffs_AreTheCompanysToday_At2330Utc_AKyivCompanyIsAlreadyOnTheNextDay()
    {
        var company = await host.CreateCompanyAsync();
        await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.TimeZone, "Europe/Kyiv")));
        var yesterdays = await company.AddUserAsync("Yesterday");
        var mornings = await company.AddUserAsync("Morning");
        // 23:30 UTC on 10 January is 01:30 on the 11th in Kyiv (UTC+2).
        var clock = new ManualClock(new DateTimeOffset(2027, 1, 10, 23, 30, 0, TimeSpan.Zero));
        var addDayOff = (string userId, DateTime start, DateTime end) =>
            host.Call<Hesh.Core.DayOffs.DayOffService, Result>(s => s.AddAsync(company.OwnerId, userId, start, end, null));
        // Over at 22:00 Kyiv on the 10th: still "today" in UTC, already yesterday in Kyiv.
        Assert.True((await addDayOff(yesterdays.Id, new(2027, 1, 10, 8, 0, 0, DateTimeKind.Utc), new(2027, 1, 10, 20, 0, 0, DateTimeKind.Utc))).Succeeded);
        // 10:00–14:00 Kyiv on the 11th: tomorrow in UTC, today in Kyiv.
        Assert.True((await addDayOff(mornings.Id, new(2027, 1, 11, 8, 0, 0, DateTimeKind.Utc), new(2027, 1, 11, 12, 0, 0, DateTimeKind.Utc))).Succeeded);

        var today = (await host.WithScopeAsync(s => new OverviewService(s.GetRequiredService<Hesh.Core.Data.HeshDbContext>(),
            s.GetRequiredService<CurrentActorLoader>(), s.GetRequiredService<IOnlinePeople>(), clock).GetAsync(company.OwnerId)))!.OnDayOffToday!;

        var person = Assert.Single(today.Items);
        Assert.Equal(mornings.Id, person.UserId);
        Assert.False(person.AwayNow);
    }

    [Fact]
    public async Task OnlineNow_ListsOnlyTheCompanysConnectedPeople()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        var online = await company.AddUserAsync("Online");
        var dropped = await company.AddUserAsync("Dropped");
        await company.AddUserAsync("Offline");
        var presence = host.Services.GetRequiredService<Hesh.Web.Live.IPresenceStore>();
        var keys = new[] { $"c:test-{Guid.NewGuid():N}", $"c:test-{Guid.NewGuid():N}", $"c:test-{Guid.NewGuid():N}" };
        presence.Put(keys[0], new Hesh.Web.Live.PresenceEntry(online.Id, Hesh.Web.Live.PresenceKind.Circuit, null));
        presence.Put(keys[1], new Hesh.Web.Live.PresenceEntry(dropped.Id, Hesh.Web.Live.PresenceKind.Circuit, null) { Connected = false });
        presence.Put(keys[2], new Hesh.Web.Live.PresenceEntry(other.OwnerId, Hesh.Web.Live.PresenceKind.Circuit, null));
        try
        {
            var list = (await OverviewOf(company.OwnerId))!.OnlineNow!;

            Assert.Equal([online.Id], list.Items.Select(p => p.UserId));
            Assert.Equal(1, list.Total);
        }
        finally
        {
            foreach (var key in keys)
            {
                presence.Remove(key);
            }
        }
    }

    [Fact]
    public async Task AnInactiveOrUnknownActor_GetsNoOverview()
    {
        var company = await host.CreateCompanyAsync();
        var inactive = await company.AddUserAsync("Gone", UserStatus.Inactive);

        Assert.Null(await OverviewOf(inactive.Id));
        Assert.Null(await OverviewOf("no-such-user"));
    }
}
