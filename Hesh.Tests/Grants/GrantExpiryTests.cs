using Hesh.Core.Audit;
using Hesh.Core.Data;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hesh.Tests.Grants;

/// <summary>
/// Temporary grants against the real store, on a clock the test moves: they end on time and not before, a level falls
/// back, copy keeps ends, a template makes them permanent, two runs at once apply once, and what is due lives in the store.
/// The grants end hours from the real now, so the shared host's own loop (real time) never reaches them first.
/// </summary>
public sealed class GrantExpiryTests(AppHost host)
{
    private readonly ManualClock _clock = ManualClock.AtNow();

    private Task<T> Temporary<T>(Func<TemporaryAccessService, Task<T>> call) => host.WithScopeAsync(s =>
    {
        var db = s.GetRequiredService<HeshDbContext>();
        var permissions = new UserPermissionService(db, s.GetRequiredService<CurrentActorLoader>(), _clock, new GrantSources(db, _clock, new Hesh.Core.Preferences.ViewerPreferenceQuery(db)),
            NullLogger<UserPermissionService>.Instance);
        return call(new TemporaryAccessService(permissions, db, _clock));
    });

    private Task<int> RunExpiryAsync() => host.WithScopeAsync(s =>
        new GrantExpiry(s.GetRequiredService<HeshDbContext>(), NullLogger<GrantExpiry>.Instance).RunDueAsync(_clock.GetUtcNow().UtcDateTime));

    private Task<int> VersionOf(string userId) => host.DbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.AccessVersion).SingleAsync());

    private Task<List<PermissionGrant>> RowsOf(string userId) => host.DbAsync(db => db.PermissionGrants.AsNoTracking().Where(g => g.UserId == userId).ToListAsync());

    private DateTime In(TimeSpan span) => _clock.GetUtcNow().UtcDateTime + span;

    [Fact]
    public async Task TemporaryGrant_EndsOnTime_NotBefore_AuditedAsExpiredByHesh()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var end = In(TimeSpan.FromHours(3));
        var granted = await Temporary(s => s.GrantUntilAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, end, 0));
        Assert.True(granted.Succeeded, granted.Error);
        Assert.Equal(end, granted.Value!.Web.Toggles.Single(t => t.Permission.Key == PermissionKey.Analytics).Why!.EndsAt);

        _clock.Advance(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        await RunExpiryAsync();
        Assert.True((await host.FindUserAsync(anna.Id))!.WebAccess.Has(PermissionKey.Analytics));

        _clock.Advance(TimeSpan.FromSeconds(1));
        var version = await VersionOf(anna.Id);
        Assert.True(await RunExpiryAsync() >= 1);

        var after = (await host.FindUserAsync(anna.Id))!;
        Assert.False(after.WebAccess.Has(PermissionKey.Analytics));
        Assert.Equal(version + 1, after.AccessVersion);
        Assert.DoesNotContain(await RowsOf(anna.Id), r => r.Key == PermissionKey.Analytics);
        var entry = await host.DbAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.PermissionExpired));
        Assert.Equal((GrantExpiry.ActorRef, GrantExpiry.ActorName), (entry.ActorId, entry.ActorName));
        Assert.Equal("Analytics (web)", entry.What);
    }

    [Fact]
    public async Task TemporaryLevel_FallsBackToTheLevelBefore()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().SetTaskScopeAsync(company.OwnerId, anna.Id, Platform.Web, TaskScope.Department, 0));
        var raised = await Temporary(s => s.GrantLevelUntilAsync(company.OwnerId, anna.Id, Platform.Web, TaskScope.AllDepartments, In(TimeSpan.FromHours(8)), 1));
        Assert.True(raised.Succeeded, raised.Error);
        Assert.Equal(TaskScope.AllDepartments, (await host.FindUserAsync(anna.Id))!.WebAccess.TaskScope);

        _clock.Advance(TimeSpan.FromHours(8));
        await RunExpiryAsync();

        var web = (await host.FindUserAsync(anna.Id))!.WebAccess;
        Assert.Equal(TaskScope.Department, web.TaskScope);
        Assert.True(web.Has(PermissionKey.TasksView));
        Assert.DoesNotContain(await RowsOf(anna.Id), r => r.IsTemporary);
    }

    [Fact]
    public async Task TemporaryLevel_SetByHandSince_IsNotTakenBack()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await Temporary(s => s.GrantLevelUntilAsync(company.OwnerId, anna.Id, Platform.Web, TaskScope.AllDepartments, In(TimeSpan.FromHours(1)), 0));
        var byHand = await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>()
            .SetTaskScopeAsync(company.OwnerId, anna.Id, Platform.Web, TaskScope.DepartmentAndSubDepartments, 1));
        Assert.True(byHand.Succeeded, byHand.Error);

        _clock.Advance(TimeSpan.FromHours(2));
        await RunExpiryAsync();

        Assert.Equal(TaskScope.DepartmentAndSubDepartments, (await host.FindUserAsync(anna.Id))!.WebAccess.TaskScope);
    }

    [Fact]
    public async Task CopiedTemporaryGrant_StaysTemporaryWithTheSameEnd_AndEndsWithIt()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var boris = await company.AddUserAsync("Boris");
        var end = In(TimeSpan.FromHours(5));
        await Temporary(s => s.GrantUntilAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, end, 0));
        await host.WithScopeAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.TasksView, true, 1));

        var copied = await host.WithScopeAsync(s => s.GetRequiredService<AccessPlanService>()
            .ApplyAsync(company.OwnerId, boris.Id, new AccessPlan.FromUser(anna.Id), 0, ChangeSource.Copy, false));
        Assert.True(copied.Succeeded, copied.Error);

        var rows = await RowsOf(boris.Id);
        Assert.Equal(end, rows.Single(r => r.Key == PermissionKey.Analytics).EndsAt);
        var tasks = rows.Single(r => r.Key == PermissionKey.TasksView);
        Assert.Null(tasks.EndsAt);
        Assert.Equal((GrantSource.Copy, "Anna Tester"), (tasks.Source, tasks.SourceName));

        _clock.Advance(TimeSpan.FromHours(5));
        await RunExpiryAsync();
        var web = (await host.FindUserAsync(boris.Id))!.WebAccess;
        Assert.False(web.Has(PermissionKey.Analytics));
        Assert.True(web.Has(PermissionKey.TasksView));
    }

    [Fact]
    public async Task TemplateApplied_MakesItsKeysPermanent()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await Temporary(s => s.GrantUntilAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, In(TimeSpan.FromHours(1)), 0));
        var template = AccessPair.Defaults with { Web = AccessPair.Defaults.Web.With(PermissionKey.Analytics, true) };
        var positionId = await host.DbAsync(async db =>
        {
            var position = new Hesh.Core.Positions.Position { CompanyId = company.Id, Name = "Welder", Template = template };
            db.Positions.Add(position);
            await db.SaveChangesAsync();
            return position.Id;
        });

        var applied = await host.WithScopeAsync(s => s.GetRequiredService<AccessPlanService>()
            .ApplyAsync(company.OwnerId, anna.Id, new AccessPlan.FromPosition(positionId), 1, ChangeSource.Template, false));
        Assert.True(applied.Succeeded, applied.Error);

        var row = (await RowsOf(anna.Id)).Single(r => r.Key == PermissionKey.Analytics);
        Assert.Equal((GrantSource.Template, "Welder", (DateTime?)null), (row.Source, row.SourceName, row.EndsAt));
        _clock.Advance(TimeSpan.FromHours(2));
        await RunExpiryAsync();
        Assert.True((await host.FindUserAsync(anna.Id))!.WebAccess.Has(PermissionKey.Analytics));
    }

    [Fact]
    public async Task TwoRunsAtOnce_EndTheGrantOnce()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await Temporary(s => s.GrantUntilAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, In(TimeSpan.FromHours(1)), 0));
        _clock.Advance(TimeSpan.FromHours(1));
        var version = await VersionOf(anna.Id);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(RunExpiryAsync)));

        Assert.Equal(1, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.PermissionExpired)));
        Assert.Equal(version + 1, await VersionOf(anna.Id));
        Assert.False((await host.FindUserAsync(anna.Id))!.WebAccess.Has(PermissionKey.Analytics));
    }

    [Fact]
    public async Task WhatIsDue_LivesInTheStore_AFreshRunAfterARestartEndsIt()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await Temporary(s => s.GrantUntilAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, In(TimeSpan.FromHours(1)), 0));

        // Nothing of the grant is held in memory: a new scope, a new expiry, as a restarted node would have, reads it from the store.
        var stored = await host.DbAsync(db => db.PermissionGrants.AsNoTracking().SingleAsync(g => g.UserId == anna.Id && g.Key == PermissionKey.Analytics));
        Assert.NotNull(stored.EndsAt);
        _clock.Advance(TimeSpan.FromHours(1));
        await RunExpiryAsync();

        Assert.False((await host.FindUserAsync(anna.Id))!.WebAccess.Has(PermissionKey.Analytics));
    }

    [Fact]
    public async Task ExtendedGrant_EndsAtItsNewEnd_AndEndNow_EndsItAtOnce()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await Temporary(s => s.GrantUntilAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.ProductionsEdit, In(TimeSpan.FromHours(1)), 0));
        var extended = await Temporary(s => s.ExtendAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.ProductionsEdit, In(TimeSpan.FromHours(3)), 1));
        Assert.True(extended.Succeeded, extended.Error);
        // Productions view came with it and moves with it.
        Assert.All((await RowsOf(anna.Id)).Where(r => r.Key is PermissionKey.ProductionsEdit or PermissionKey.ProductionsView),
            r => Assert.Equal(In(TimeSpan.FromHours(3)), r.EndsAt));

        _clock.Advance(TimeSpan.FromHours(2));
        await RunExpiryAsync();
        Assert.True((await host.FindUserAsync(anna.Id))!.WebAccess.Has(PermissionKey.ProductionsEdit));

        var ended = await Temporary(s => s.EndNowAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.ProductionsEdit, 2));
        Assert.True(ended.Succeeded, ended.Error);
        var web = (await host.FindUserAsync(anna.Id))!.WebAccess;
        Assert.False(web.Has(PermissionKey.ProductionsEdit));
        Assert.False(web.Has(PermissionKey.ProductionsView));
        Assert.DoesNotContain(await RowsOf(anna.Id), r => r.IsTemporary);
        Assert.Equal(2, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.TemporaryAccessChanged)));
    }
}
