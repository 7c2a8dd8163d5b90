using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Hesh.Tests.Users;

/// <summary>The reach select beside "Users permissions": shown while it is on, offering what Core allows, saving through Core.</summary>
public sealed class UsersScopeSelectTests : HeshComponentTest
{
    private static PlatformSheet Sheet(bool on, UserScope scope, Refusal? locked = null, params UserScope[] allowed) => new(Platform.Web,
        PermissionCatalog.All.Select(p => new PermissionToggle(p, p.Key == PermissionKey.UsersPermissions && on, null)).ToList(),
        TaskScope.NoAccess, null, [TaskScope.NoAccess], scope, locked, allowed);

    private IRenderedComponent<UsersScopeSelect> RenderSelect(PlatformSheet sheet, Action? changed = null) =>
        Render<UsersScopeSelect>(p => p.Add(s => s.Sheet, sheet).Add(s => s.Version, 3).Add(s => s.UserId, "u-1").Add(s => s.UserName, "Anna Novak")
            .Add(s => s.OnChanged, () => changed?.Invoke()));

    [Fact]
    public void IsNotShown_WhileUsersPermissionsIsOff()
    {
        Render<MudPopoverProvider>();

        var select = RenderSelect(Sheet(false, UserScope.AllUsers, null, Enum.GetValues<UserScope>()));

        Assert.Empty(select.FindComponents<MudSelect<UserScope>>());
    }

    [Fact]
    public void ShowsTheCurrentScope_AndALockedOneSaysWhy()
    {
        Render<MudPopoverProvider>();

        var select = RenderSelect(Sheet(true, UserScope.Department, Refusal.OnlyAdminEditsAdmin));

        var mud = select.FindComponent<MudSelect<UserScope>>().Instance;
        Assert.Equal(UserScope.Department, mud.GetState(x => x.Value));
        Assert.Contains(select.FindAll("input"), i => i.HasAttribute("disabled"));
        Assert.Contains(Refusal.OnlyAdminEditsAdmin.Message, select.Markup);
    }

    [Fact]
    public async Task ChoosingAScope_SavesItThroughCore_AndAsksTheTabToReload()
    {
        var (owner, people) = await SeedCompanyAsync("Gina", ("Mo", "Member", false, AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true)));
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var sheet = await WithDbAsync(s => s.GetRequiredService<UserPermissionService>().GetAsync(owner.Id, people[0].Id));
        var reloaded = 0;
        var select = Render<UsersScopeSelect>(p => p.Add(s => s.Sheet, sheet!.Web).Add(s => s.Version, sheet.Version).Add(s => s.UserId, people[0].Id)
            .Add(s => s.OnChanged, () => reloaded++));
        Assert.Equal([UserScope.Department, UserScope.DepartmentAndSubDepartments, UserScope.AllUsers], sheet!.Web.AllowedUsersScopes);

        var mud = select.FindComponent<MudSelect<UserScope>>();
        await select.InvokeAsync(() => mud.Instance.ValueChanged.InvokeAsync(UserScope.Department));

        select.WaitForAssertion(() => Assert.Equal(1, reloaded));
        var stored = await WithDbAsync(s => s.GetRequiredService<Hesh.Core.Data.HeshDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == people[0].Id));
        Assert.Equal(UserScope.Department, stored.WebAccess.UsersScope);
    }
}
