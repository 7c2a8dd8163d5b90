using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Permissions;

/// <summary>Through the service the Permissions tab calls, against the real store: a refusal changes nothing.</summary>
public sealed class UserPermissionServiceTests(AppHost host)
{
    private Task<T> Permissions<T>(Func<UserPermissionService, Task<T>> call) => host.WithScopeAsync(s => call(s.GetRequiredService<UserPermissionService>()));

    private Task<string> AccessOf(string userId) => host.DbAsync(async db =>
    {
        var u = await db.Users.AsNoTracking().SingleAsync(x => x.Id == userId);
        return $"{u.IsAdmin}|{u.IsOwner}|{u.WebAccess.Serialize()}|{u.MobileAccess.Serialize()}|{u.AccessVersion}";
    });

    private Task<int> VersionOf(string userId) => host.DbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.AccessVersion).SingleAsync());

    private async Task<HeshUser> HolderAsync(TestCompany company, params PermissionKey[] web)
    {
        var holder = await company.AddUserAsync("Holder");
        foreach (var key in web.Prepend(PermissionKey.UsersPermissions))
        {
            var result = await Permissions(s => s.ToggleAsync(company.OwnerId, holder.Id, Platform.Web, key, true, VersionOf(holder.Id).Result));
            Assert.True(result.Succeeded, result.Error);
        }
        return holder;
    }

    [Fact]
    public async Task AdminTurnsOnProductionsEdit_ProductionsViewTurnsOnToo_AndTheAuditLogSaysSo()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");

        var result = await Permissions(s => s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.ProductionsEdit, true, 0));

        Assert.True(result.Succeeded, result.Error);
        var web = result.Value!.Web.Toggles.ToDictionary(t => t.Permission.Key, t => t.On);
        Assert.True(web[PermissionKey.ProductionsView]);
        Assert.True(web[PermissionKey.ProductionsEdit]);
        var entry = await host.DbAsync(db => db.AuditEntries.SingleAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.PermissionGranted));
        Assert.Equal("Web access · Productions edit", entry.What);
        Assert.Equal(company.OwnerId, entry.ActorId);
        Assert.DoesNotContain("Productions view", entry.Before);
        Assert.Contains("Productions view", entry.After);
    }

    [Fact]
    public async Task ChangeOnAStaleVersion_IsRefused_AndTheLatestSheetComesBack()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        await Permissions(s => s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, 0));
        var before = await AccessOf(anna.Id);

        var stale = await Permissions(s => s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.TasksView, true, 0));

        Assert.Equal(Refusal.Stale.Message, stale.Error);
        Assert.True(stale.Value!.Web.Toggles.Single(t => t.Permission.Key == PermissionKey.Analytics).On);
        Assert.Equal(before, await AccessOf(anna.Id));
    }

    [Fact]
    public async Task NonAdmin_CannotChangeAnAdmin_AndNothingChanges()
    {
        var company = await host.CreateCompanyAsync();
        var holder = await HolderAsync(company, PermissionKey.Analytics);
        var admin = await company.AddUserAsync("Adele", admin: true);
        var before = await AccessOf(admin.Id);

        var toggle = await Permissions(s => s.ToggleAsync(holder.Id, admin.Id, Platform.Web, PermissionKey.Analytics, false, 0));
        var demote = await Permissions(s => s.SetAdminAsync(holder.Id, admin.Id, false, 0));

        Assert.Equal(Refusal.OnlyAdminEditsAdmin.Message, toggle.Error);
        Assert.Equal(Refusal.OnlyAdminMakesAdmin.Message, demote.Error);
        Assert.Equal(before, await AccessOf(admin.Id));
    }

    [Fact]
    public async Task NonAdmin_CannotEditThemself_AndNothingChanges()
    {
        var company = await host.CreateCompanyAsync();
        var holder = await HolderAsync(company);
        var before = await AccessOf(holder.Id);

        var result = await Permissions(s => s.ToggleAsync(holder.Id, holder.Id, Platform.Web, PermissionKey.UsersPermissions, false, VersionOf(holder.Id).Result));

        Assert.Equal(Refusal.NoSelfEdit.Message, result.Error);
        Assert.Equal(before, await AccessOf(holder.Id));
    }

    [Fact]
    public async Task NonAdmin_CannotEscalateSomeoneBeyondTheirOwnGrants_AndNothingChanges()
    {
        var company = await host.CreateCompanyAsync();
        var holder = await HolderAsync(company, PermissionKey.ProductionsView);
        var target = await company.AddUserAsync("Tom");
        var before = await AccessOf(target.Id);

        var edit = await Permissions(s => s.ToggleAsync(holder.Id, target.Id, Platform.Web, PermissionKey.ProductionsEdit, true, 0));
        var admin = await Permissions(s => s.SetAdminAsync(holder.Id, target.Id, true, 0));
        var scope = await Permissions(s => s.SetTaskScopeAsync(holder.Id, target.Id, Platform.Web, TaskScope.AllDepartments, 0));
        var mobile = await Permissions(s => s.ToggleAsync(holder.Id, target.Id, Platform.Mobile, PermissionKey.ProductionsView, true, 0));

        Assert.Equal(Refusal.BeyondOwnGrants.Message, edit.Error);
        Assert.Equal(Refusal.OnlyAdminMakesAdmin.Message, admin.Error);
        Assert.Equal(Refusal.BeyondOwnGrants.Message, scope.Error);
        Assert.Equal(Refusal.BeyondOwnGrants.Message, mobile.Error);
        Assert.Equal(before, await AccessOf(target.Id));
    }

    [Fact]
    public async Task NonAdminHolder_GrantsWhatTheyHold()
    {
        var company = await host.CreateCompanyAsync();
        var holder = await HolderAsync(company, PermissionKey.ProductionsView);
        var target = await company.AddUserAsync("Tina");

        var result = await Permissions(s => s.ToggleAsync(holder.Id, target.Id, Platform.Web, PermissionKey.ProductionsView, true, 0));

        Assert.True(result.Succeeded, result.Error);
    }

    [Fact]
    public async Task AdminOfAnotherCompany_GetsNotFound_AndNothingChanges()
    {
        var victim = await host.CreateCompanyAsync();
        var target = await victim.AddUserAsync("Vic");
        var attacker = await host.CreateCompanyAsync();
        var before = await AccessOf(target.Id);

        var toggle = await Permissions(s => s.ToggleAsync(attacker.OwnerId, target.Id, Platform.Web, PermissionKey.Analytics, true, 0));
        var admin = await Permissions(s => s.SetAdminAsync(attacker.OwnerId, target.Id, true, 0));
        var sheet = await Permissions(s => s.GetAsync(attacker.OwnerId, target.Id));

        Assert.True(toggle.IsNotFound);
        Assert.True(admin.IsNotFound);
        Assert.Null(sheet);
        Assert.Equal(before, await AccessOf(target.Id));
    }

    [Fact]
    public async Task Admin_CannotRemoveOwnAdminRights_NorTheOwners()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Alex", admin: true);

        var self = await Permissions(s => s.SetAdminAsync(admin.Id, admin.Id, false, 0));
        var owner = await Permissions(s => s.SetAdminAsync(admin.Id, company.OwnerId, false, 0));

        Assert.Equal(Refusal.NoSelfDemotion.Message, self.Error);
        Assert.Equal(Refusal.OwnerStaysAdmin.Message, owner.Error);
        Assert.True((await host.FindUserAsync(company.OwnerId))!.IsAdmin);
        Assert.True((await host.FindUserAsync(admin.Id))!.IsAdmin);
    }

    [Fact]
    public async Task AlwaysOnPermission_CannotBeSwitchedOff_AndNothingChanges()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        var before = await AccessOf(anna.Id);

        var result = await Permissions(s => s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.ProductsView, false, 0));

        Assert.Equal(Refusal.AlwaysOn.Message, result.Error);
        Assert.Equal(before, await AccessOf(anna.Id));
    }

    [Fact]
    public async Task TwoAdminsTogglingAtOnce_NeverSilentlyOverwriteEachOther()
    {
        var company = await host.CreateCompanyAsync();
        var second = await company.AddUserAsync("Second", admin: true);
        var anna = await company.AddUserAsync("Anna");

        var results = await Task.WhenAll(
            Permissions(s => s.ToggleAsync(company.OwnerId, anna.Id, Platform.Web, PermissionKey.Analytics, true, 0)),
            Permissions(s => s.ToggleAsync(second.Id, anna.Id, Platform.Web, PermissionKey.CompanyProfile, true, 0)));

        var stored = (await host.FindUserAsync(anna.Id))!;
        var applied = results.Count(r => r.Succeeded);
        Assert.Equal(applied, stored.AccessVersion);
        Assert.Equal(applied, await host.DbAsync(db => db.AuditEntries.CountAsync(e => e.SubjectId == anna.Id && e.Action == AuditAction.PermissionGranted)));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(Refusal.Stale.Message, r.Error));
    }
}
