using Hesh.Core.AccessByPermission;
using Hesh.Core.Common;
using Hesh.Core.Grants;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Hesh.Tests.Permissions;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.AccessByPermission;

/// <summary>"Who has this?": who holds a permission, where from, for whom — and never beyond the viewer's users scope.</summary>
public sealed class AccessByPermissionServiceTests(AppHost host)
{
    private static readonly PermissionChoice Analytics = new(Platform.Web, PermissionKey.Analytics);

    private Task<Result<IReadOnlyList<AccessHolder>>> HoldersAsync(string actorId, PermissionChoice choice, Guid? department = null) =>
        host.Call<AccessByPermissionService, Result<IReadOnlyList<AccessHolder>>>(s => s.HoldersAsync(actorId, new AccessHoldersQuery(choice, department)));

    [Fact]
    public async Task AnAdmin_SeesEveryHolder_AdminsIncluded_AsAdministrators()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);

        var holders = (await HoldersAsync(c.OwnerId, Analytics)).Value!;

        Assert.Equal(new[] { c.Holder.Id, c.Ada.Id, c.Pia.Id, c.Adam.Id, c.OwnerId }.Order(), holders.Select(h => h.UserId).Order());
        Assert.Equal("Administrator (holds every permission)", holders.Single(h => h.UserId == c.Adam.Id).Source);
        Assert.False(holders.Single(h => h.UserId == c.Adam.Id).CanRevoke);
        Assert.True(holders.Single(h => h.UserId == c.Pia.Id).CanRevoke);
    }

    [Fact]
    public async Task AScopedHolder_SeesOnlyTheHoldersInsideTheirScope()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);

        var holders = (await HoldersAsync(c.Holder.Id, Analytics)).Value!;

        Assert.Equal(new[] { c.Holder.Id, c.Ada.Id, c.Adam.Id }.Order(), holders.Select(h => h.UserId).Order());
        Assert.False(holders.Single(h => h.UserId == c.Holder.Id).CanRevoke);
    }

    [Fact]
    public async Task TheDepartmentFilter_TakesTheDepartmentWithItsSubDepartments()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.AllUsers);
        await ScopedCompany.ToggleAsync(host, c.OwnerId, c.Wes.Id, PermissionKey.Analytics, true);

        var holders = (await HoldersAsync(c.OwnerId, Analytics, c.Assembly)).Value!;

        Assert.Equal(new[] { c.Holder.Id, c.Ada.Id, c.Wes.Id, c.Adam.Id }.Order(), holders.Select(h => h.UserId).Order());
    }

    [Fact]
    public async Task ATaskEditLevel_ListsExactlyThatLevelsHolders()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.AllUsers);
        var version = (await host.FindUserAsync(c.Wes.Id))!.AccessVersion;
        await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.SetTaskScopeAsync(c.OwnerId, c.Wes.Id, Platform.Web, TaskScope.Department, version));

        var department = (await HoldersAsync(c.OwnerId, new PermissionChoice(Platform.Web, PermissionKey.TaskEditLevel, TaskScope.Department))).Value!;
        var all = (await HoldersAsync(c.OwnerId, new PermissionChoice(Platform.Web, PermissionKey.TaskEditLevel, TaskScope.AllDepartments))).Value!;

        Assert.Equal(c.Wes.Id, Assert.Single(department).UserId);
        Assert.DoesNotContain(all, h => h.UserId == c.Wes.Id);
        Assert.Contains(all, h => h.UserId == c.Adam.Id);
    }

    [Fact]
    public async Task TheSource_ComesFromTheGrantRecord_AndADashWithoutOne()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.AllUsers);
        var ends = DateTime.UtcNow.AddDays(2);
        await host.DbAsync(async db =>
        {
            // Ada's grant as if made before sources were recorded: held, with no row to explain it.
            await db.PermissionGrants.Where(g => g.UserId == c.Ada.Id || g.UserId == c.Pia.Id).ExecuteDeleteAsync();
            db.PermissionGrants.Add(new PermissionGrant
            {
                CompanyId = c.Id, UserId = c.Pia.Id, Platform = Platform.Web, Key = PermissionKey.Analytics, Source = GrantSource.Template,
                SourceName = "Welder", GrantedByName = "Olga Owner", GrantedAt = DateTime.UtcNow, EndsAt = ends,
            });
            return await db.SaveChangesAsync();
        });

        var holders = (await HoldersAsync(c.OwnerId, Analytics)).Value!;

        var pia = holders.Single(h => h.UserId == c.Pia.Id);
        Assert.StartsWith("from the Welder template · temporary until", pia.Source);
        Assert.Equal(ends, pia.EndsAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal("Olga Owner", pia.GrantedBy);
        Assert.Equal("—", holders.Single(h => h.UserId == c.Ada.Id).Source);
    }

    [Fact]
    public async Task SomeoneWithoutUsersPermissions_IsRefused()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.AllUsers);

        Assert.False((await HoldersAsync(c.Ada.Id, Analytics)).Succeeded);
        Assert.Empty(await host.Call<AccessByPermissionService, IReadOnlyList<DepartmentOption>>(s => s.DepartmentsAsync(c.Ada.Id)));
    }

    [Fact]
    public async Task TheDepartmentFilter_OffersAScopedHolderOnlyTheirDepartments()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.DepartmentAndSubDepartments);

        var options = await host.Call<AccessByPermissionService, IReadOnlyList<DepartmentOption>>(s => s.DepartmentsAsync(c.Holder.Id));

        Assert.Equal(new[] { c.Assembly, c.Welding }.Order(), options.Select(o => o.Id).Order());
        Assert.Contains(options, o => o.Path.Contains(" › Welding"));
    }

    [Theory]
    [InlineData("Web.Analytics", true)]
    [InlineData("Mobile.TaskEditLevel.Department", true)]
    [InlineData("Web.TaskEditLevel", false)]
    [InlineData("Web.TaskEditLevel.NoAccess", false)]
    [InlineData("Web.Analytics.Department", false)]
    [InlineData("Web.12", false)]
    [InlineData("Desktop.Analytics", false)]
    [InlineData("", false)]
    public void APermissionChoice_ParsesOnlyWhatThePickerOffers(string slug, bool valid)
    {
        var parsed = PermissionChoice.Parse(slug);

        Assert.Equal(valid, parsed is not null);
        if (parsed is not null)
        {
            Assert.Contains(parsed, PermissionChoice.All);
            Assert.Equal(slug, parsed.Slug);
        }
    }

    [Fact]
    public void TheCsv_MakesFormulaCellsText()
    {
        var csv = AccessByPermissionService.Csv(Analytics, [new AccessHolder("u", "=HYPERLINK(1)", "a@b", null, UserStatus.Active, false, "—", null, null, null, 0, true)], TimeZoneInfo.Utc);

        Assert.Contains("'=HYPERLINK(1)", csv);
        Assert.StartsWith("Permission,Platform,Name,Email,Department,Status,Source", csv);
    }
}
