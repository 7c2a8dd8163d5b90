using Bunit;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Hesh.Tests.Web.Components;

public sealed class PermissionsTabTests : HeshComponentTest
{
    private async Task<(HeshUser Owner, HeshUser Anna, HeshUser Holder)> SeedAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Anna", "Novak", false, null),
            ("Hol", "Der", false, AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true).With(PermissionKey.ProductionsView, true)));
        return (owner, people[0], people[1]);
    }

    private IRenderedComponent<PermissionsTab> RenderTab(HeshUser user, bool admin = false, bool owner = false)
    {
        Render<MudPopoverProvider>();
        var tab = Render<PermissionsTab>(p => p.Add(t => t.User, Details() with
        {
            Id = user.Id, FirstName = user.FirstName, LastName = user.LastName, Email = user.Email!, IsAdmin = admin, IsOwner = owner,
        }));
        tab.WaitForElement("[data-testid=access-Web]");
        return tab;
    }

    private static IRenderedComponent<MudSwitch<bool>> Switch(IRenderedComponent<PermissionsTab> tab, Platform platform, PermissionKey key) =>
        tab.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.UserAttributes.TryGetValue("data-testid", out var id) && (string)id! == $"{platform}-{key}");

    [Fact]
    public async Task AlwaysOnPermissions_AreShownOnAndLocked_WithTheReason()
    {
        var (owner, anna, _) = await SeedAsync();
        SignInAs(owner.Id);

        var tab = RenderTab(anna);

        var productsView = Switch(tab, Platform.Web, PermissionKey.ProductsView);
        Assert.True(productsView.Instance.GetState(x => x.Value));
        Assert.True(productsView.Instance.Disabled);
        Assert.Contains(Refusal.AlwaysOn.Message, tab.Find("[data-testid=access-Web]").TextContent);
        Assert.False(Switch(tab, Platform.Mobile, PermissionKey.ProductsView).Instance.Disabled);
        Assert.True(Switch(tab, Platform.Mobile, PermissionKey.MyTasks).Instance.Disabled);
    }

    [Fact]
    public async Task TurningOnAnEdit_ShowsItsViewSwitchingOnToo()
    {
        var (owner, anna, _) = await SeedAsync();
        SignInAs(owner.Id);
        var tab = RenderTab(anna);

        await tab.InvokeAsync(() => Switch(tab, Platform.Web, PermissionKey.ProductionsEdit).Instance.ValueChanged.InvokeAsync(true));

        tab.WaitForAssertion(() => Assert.True(Switch(tab, Platform.Web, PermissionKey.ProductionsView).Instance.GetState(x => x.Value)));
        Assert.True(Switch(tab, Platform.Web, PermissionKey.ProductionsEdit).Instance.GetState(x => x.Value));
        Assert.False(Switch(tab, Platform.Mobile, PermissionKey.ProductionsView).Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task AnAdminsToggles_AreAllOnAndLocked()
    {
        var (owner, _, _) = await SeedAsync();
        SignInAs(owner.Id);

        var tab = RenderTab(owner, admin: true, owner: true);

        var switches = tab.FindComponents<MudSwitch<bool>>().Where(s => (string)s.Instance.UserAttributes["data-testid"]! != "admin-switch").ToList();
        Assert.All(switches, s => Assert.True(s.Instance.GetState(x => x.Value)));
        Assert.All(switches, s => Assert.True(s.Instance.Disabled));
        Assert.NotNull(tab.Find("[data-testid=owner-badge]"));
        Assert.Contains("Administrators have every permission", tab.Markup);
    }

    [Fact]
    public async Task HolderOfUsersPermissions_SeesWhatTheyCannotGrantLocked()
    {
        var (_, anna, holder) = await SeedAsync();
        SignInAs(holder.Id);

        var tab = RenderTab(anna);

        Assert.False(Switch(tab, Platform.Web, PermissionKey.ProductionsView).Instance.Disabled);
        Assert.True(Switch(tab, Platform.Web, PermissionKey.ProductionsEdit).Instance.Disabled);
        Assert.Contains(Refusal.BeyondOwnGrants.Message, tab.Markup);
        Assert.True(tab.FindComponents<MudSwitch<bool>>().Single(s => (string)s.Instance.UserAttributes["data-testid"]! == "admin-switch").Instance.Disabled);
    }

    [Fact]
    public async Task ARefusedChange_ShowsTheReason_AndTheTabShowsWhatIsStored()
    {
        var (owner, anna, _) = await SeedAsync();
        SignInAs(owner.Id);
        var snackbar = Render<MudSnackbarProvider>();
        var tab = RenderTab(anna);
        // Another admin changes Anna in the meantime, on another node whose announcement has not arrived: this tab's version is stale.
        var changed = anna.WebAccess.With(PermissionKey.Analytics, true);
        await WithDbAsync(s => s.GetRequiredService<Hesh.Core.Data.HeshDbContext>().Users.Where(u => u.Id == anna.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.WebAccess, changed).SetProperty(x => x.AccessVersion, x => x.AccessVersion + 1)));

        await tab.InvokeAsync(() => Switch(tab, Platform.Web, PermissionKey.TasksView).Instance.ValueChanged.InvokeAsync(true));

        snackbar.WaitForAssertion(() => Assert.Contains(Refusal.Stale.Message, snackbar.Markup));
        Assert.False(Switch(tab, Platform.Web, PermissionKey.TasksView).Instance.GetState(x => x.Value));
        Assert.True(Switch(tab, Platform.Web, PermissionKey.Analytics).Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task AnotherAdminsChange_ToTheSameUser_AppearsInTheOpenTab()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Anna", "Novak", false, null), ("Sam", "Second", true, null));
        var (anna, second) = (people[0], people[1]);
        SignInAs(owner.Id);
        var snackbar = Render<MudSnackbarProvider>();
        var tab = RenderTab(anna);
        Assert.False(Switch(tab, Platform.Web, PermissionKey.Analytics).Instance.GetState(x => x.Value));

        await WithDbAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(second.Id, anna.Id, Platform.Web, PermissionKey.Analytics, true, 0));

        tab.WaitForAssertion(() => Assert.True(Switch(tab, Platform.Web, PermissionKey.Analytics).Instance.GetState(x => x.Value)));
        snackbar.WaitForAssertion(() => Assert.Contains("Sam Second just changed Anna", snackbar.Markup));
    }
}
