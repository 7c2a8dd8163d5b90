using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.Positions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Permissions;

/// <summary>The users scope through the services the screens call: the list, details, bulk, copy and the scope's own change.</summary>
public sealed class UsersScopeServiceTests(AppHost host)
{
    private async Task<IReadOnlyList<string>> ListedAsync(string actorId, UserListQuery? query = null)
    {
        var page = await host.Call<UserQueries, Result<Page<UserRow>>>(q => q.ListAsync(actorId, query ?? new UserListQuery(PageSize: 100)));
        Assert.True(page.Succeeded, page.Error);
        Assert.Equal(page.Value!.TotalCount, page.Value.Items.Count);
        return page.Value.Items.Select(r => r.Id).ToList();
    }

    [Fact]
    public async Task ADepartmentScopedHolder_ListsOnlyTheirDepartment_AndThemself_CountedOnTheServer()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);

        var listed = await ListedAsync(c.Holder.Id);

        Assert.Equal(new[] { c.Holder.Id, c.Ada.Id, c.Adam.Id }.Order(), listed.Order());
        // A small page still counts only the reachable users: the filter runs before paging, not after.
        var first = await host.Call<UserQueries, Result<Page<UserRow>>>(q => q.ListAsync(c.Holder.Id, new UserListQuery(PageSize: 1)));
        Assert.Equal(3, first.Value!.TotalCount);
    }

    [Fact]
    public async Task ADepartmentAndSubDepartmentsHolder_ListsTheSubtree_NotTheDepartmentBeside()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.DepartmentAndSubDepartments);

        var listed = await ListedAsync(c.Holder.Id);

        Assert.Contains(c.Wes.Id, listed);
        Assert.DoesNotContain(c.Pia.Id, listed);
        Assert.DoesNotContain(c.Nina.Id, listed);
    }

    [Fact]
    public async Task AnAllUsersHolder_KeepsTodaysReach()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.AllUsers);

        Assert.Equal(7, (await ListedAsync(c.Holder.Id)).Count);
    }

    [Fact]
    public async Task MovingAUserOutOfTheScope_TakesThemOutOfReach_AtOnce()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        Assert.NotNull(await host.Call<UserQueries, UserDetails?>(q => q.GetAsync(c.Holder.Id, c.Ada.Id)));

        Assert.True((await host.Call<PositionService, Result>(s => s.AssignAsync(c.OwnerId, c.Ada.Id, c.Paint, null))).Succeeded);

        Assert.Null(await host.Call<UserQueries, UserDetails?>(q => q.GetAsync(c.Holder.Id, c.Ada.Id)));
        Assert.Null(await host.Call<UserPermissionService, PermissionSheet?>(s => s.GetAsync(c.Holder.Id, c.Ada.Id)));
        Assert.DoesNotContain(c.Ada.Id, await ListedAsync(c.Holder.Id));
    }

    [Fact]
    public async Task SetUsersScope_SavesTheScope_AuditsIt_AndTheSheetShowsIt()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.AllUsers);

        var version = (await host.FindUserAsync(c.Ada.Id))!.AccessVersion;
        var result = await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.SetUsersScopeAsync(c.OwnerId, c.Ada.Id, Platform.Web, UserScope.DepartmentAndSubDepartments, version));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(UserScope.DepartmentAndSubDepartments, result.Value!.Web.UsersScope);
        Assert.True(result.Value.Web.Toggles.Single(t => t.Permission.Key == PermissionKey.UsersPermissions).On);
        var stored = (await host.FindUserAsync(c.Ada.Id))!;
        Assert.Equal(UserScope.DepartmentAndSubDepartments, stored.WebAccess.UsersScope);
        var entry = await host.DbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.SubjectId == c.Ada.Id));
        Assert.Equal(("Web access · Users permissions scope", "off", "User's department & sub-departments"), (entry.What, entry.Before, entry.After));
    }

    [Fact]
    public async Task TheSheet_OffersAScopedHolderOnlyScopesUpToTheirOwn()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        await ScopedCompany.ToggleAsync(host, c.OwnerId, c.Ada.Id, PermissionKey.UsersPermissions, true);

        var sheet = (await host.Call<UserPermissionService, PermissionSheet?>(s => s.GetAsync(c.Holder.Id, c.Ada.Id)))!;

        Assert.Equal([UserScope.Department], sheet.Web.AllowedUsersScopes);
        Assert.Equal(UserScope.AllUsers, sheet.Web.UsersScope);
        Assert.Null(sheet.Web.UsersScopeLock);
        // Narrowing a wider scope to one's own is allowed: it takes reach away, it gives none.
        var narrowed = await host.Call<UserPermissionService, Result<PermissionSheet>>(s => s.SetUsersScopeAsync(c.Holder.Id, c.Ada.Id, Platform.Web, UserScope.Department, sheet.Version));
        Assert.True(narrowed.Succeeded, narrowed.Error);
    }

    [Fact]
    public async Task AScopedHolderSwitchingUsersPermissionsOn_PassesOnTheirOwnScope()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);

        await ScopedCompany.ToggleAsync(host, c.Holder.Id, c.Ada.Id, PermissionKey.UsersPermissions, true);

        Assert.Equal(UserScope.Department, (await host.FindUserAsync(c.Ada.Id))!.WebAccess.UsersScope);
    }

    [Fact]
    public async Task ABulkGrantOfUsersPermissions_ByAScopedHolder_GivesTheirOwnScope_AndSkipsOutOfScopeIds()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);
        var plan = new AccessPlan.Grant(Platform.Web, [PermissionKey.UsersPermissions]);

        var preview = await host.Call<AccessPlanService, Result<IReadOnlyList<AccessPreview>>>(s => s.PreviewManyAsync(c.Holder.Id, [c.Ada.Id, c.Pia.Id, c.Nina.Id], plan));

        var only = Assert.Single(preview.Value!);
        Assert.Equal(c.Ada.Id, only.UserId);
        Assert.Equal("Users permissions (web): User's department", Assert.Single(only.Diff.Gained).Text);
        Assert.Null(only.Refusal);
    }

    [Fact]
    public async Task CopyFrom_OffersOnlyUsersInsideTheScope()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);

        var sources = await host.Call<AccessPlanService, IReadOnlyList<UserRow>>(s => s.CopySourcesAsync(c.Holder.Id, c.Ada.Id, null));

        Assert.DoesNotContain(sources, r => r.Id == c.Pia.Id || r.Id == c.Wes.Id || r.Id == c.Nina.Id);
    }

    [Fact]
    public async Task TheDepartmentFilter_OfAScopedHolder_CannotReachBeyondTheScope()
    {
        var c = await ScopedCompany.CreateAsync(host, UserScope.Department);

        Assert.Empty(await ListedAsync(c.Holder.Id, new UserListQuery(PageSize: 100, DepartmentId: c.Paint)));
    }
}
