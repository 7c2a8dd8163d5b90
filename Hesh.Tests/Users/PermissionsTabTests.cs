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

namespace Hesh.Tests.Users;

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

    private static PermissionSwitch Switch(IRenderedComponent<PermissionsTab> tab, Platform platform, PermissionKey key) => new(tab, $"{platform}-{key}");

    /// <summary>A permission's switch as the tab renders it: a checkbox input with role="switch".</summary>
    private sealed record PermissionSwitch(IRenderedComponent<PermissionsTab> Tab, string TestId)
    {
        private AngleSharp.Dom.IElement Input => Tab.Find($"input[role=switch][data-testid={TestId}]");
        public bool On => Input.HasAttribute("checked");
        public bool Disabled => Input.HasAttribute("disabled");
        public Task ChangeAsync(bool on) => Input.ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = on });
    }

    [Fact]
    public async Task ThePermissionRows_AreMarkup_NotAComponentTreeEach()
    {
        // Every component of an open tab stays in server memory, twice its render tree: a component (or six, as
        // MudSwitch was) per permission row made this tab ~1.8 MB a tab (docs/benchmarks.md, issue 12).
        var (owner, anna, _) = await SeedAsync();
        SignInAs(owner.Id);

        var tab = RenderTab(anna);

        var rows = tab.FindAll("[data-testid^=access-] input[role=switch]").Count;
        var components = tab.FindComponents<Microsoft.AspNetCore.Components.ComponentBase>().Count;
        Assert.True(rows >= 20, $"{rows} switches");
        Assert.True(components < rows, $"{components} components for {rows} permission switches");
    }

    [Fact]
    public async Task AlwaysOnPermissions_AreShownOnAndLocked_WithTheReason()
    {
        var (owner, anna, _) = await SeedAsync();
        SignInAs(owner.Id);

        var tab = RenderTab(anna);

        var productsView = Switch(tab, Platform.Web, PermissionKey.ProductsView);
        Assert.True(productsView.On);
        Assert.True(productsView.Disabled);
        Assert.Contains(Refusal.AlwaysOn.Message, tab.Find("[data-testid=access-Web]").TextContent);
        Assert.False(Switch(tab, Platform.Mobile, PermissionKey.ProductsView).Disabled);
        Assert.True(Switch(tab, Platform.Mobile, PermissionKey.MyTasks).Disabled);
    }

    [Fact]
    public async Task TurningOnAnEdit_ShowsItsViewSwitchingOnToo()
    {
        var (owner, anna, _) = await SeedAsync();
        SignInAs(owner.Id);
        var tab = RenderTab(anna);

        await Switch(tab, Platform.Web, PermissionKey.ProductionsEdit).ChangeAsync(true);

        tab.WaitForAssertion(() => Assert.True(Switch(tab, Platform.Web, PermissionKey.ProductionsView).On));
        Assert.True(Switch(tab, Platform.Web, PermissionKey.ProductionsEdit).On);
        Assert.False(Switch(tab, Platform.Mobile, PermissionKey.ProductionsView).On);
    }

    [Fact]
    public async Task AnAdminsToggles_AreAllOnAndLocked()
    {
        var (owner, _, _) = await SeedAsync();
        SignInAs(owner.Id);

        var tab = RenderTab(owner, admin: true, owner: true);

        var switches = tab.FindAll("[data-testid^=access-] input[role=switch]");
        Assert.NotEmpty(switches);
        Assert.All(switches, s => Assert.True(s.HasAttribute("checked")));
        Assert.All(switches, s => Assert.True(s.HasAttribute("disabled")));
        Assert.NotNull(tab.Find("[data-testid=owner-badge]"));
        Assert.Contains("Administrators have every permission", tab.Markup);
    }

    [Fact]
    public async Task HolderOfUsersPermissions_SeesWhatTheyCannotGrantLocked()
    {
        var (_, anna, holder) = await SeedAsync();
        SignInAs(holder.Id);

        var tab = RenderTab(anna);

        Assert.False(Switch(tab, Platform.Web, PermissionKey.ProductionsView).Disabled);
        Assert.True(Switch(tab, Platform.Web, PermissionKey.ProductionsEdit).Disabled);
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

        await Switch(tab, Platform.Web, PermissionKey.TasksView).ChangeAsync(true);

        snackbar.WaitForAssertion(() => Assert.Contains(Refusal.Stale.Message, snackbar.Markup));
        Assert.False(Switch(tab, Platform.Web, PermissionKey.TasksView).On);
        Assert.True(Switch(tab, Platform.Web, PermissionKey.Analytics).On);
    }

    [Fact]
    public async Task AnotherAdminsChange_ToTheSameUser_AppearsInTheOpenTab()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Anna", "Novak", false, null), ("Sam", "Second", true, null));
        var (anna, second) = (people[0], people[1]);
        SignInAs(owner.Id);
        var snackbar = Render<MudSnackbarProvider>();
        var tab = RenderTab(anna);
        Assert.False(Switch(tab, Platform.Web, PermissionKey.Analytics).On);

        await WithDbAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(second.Id, anna.Id, Platform.Web, PermissionKey.Analytics, true, 0));

        tab.WaitForAssertion(() => Assert.True(Switch(tab, Platform.Web, PermissionKey.Analytics).On));
        snackbar.WaitForAssertion(() => Assert.Contains("Sam Second just changed Anna", snackbar.Markup));
    }

    private static AngleSharp.Dom.IElement AdminSwitch(IRenderedComponent<PermissionsTab> tab) => tab.Find("input[data-testid=admin-switch]");

    private Task<bool> IsAdminAsync(string userId) =>
        WithDbAsync(s => s.GetRequiredService<Hesh.Core.Data.HeshDbContext>().Users.Where(u => u.Id == userId).Select(u => u.IsAdmin).SingleAsync());

    [Fact]
    public async Task MakingAnAdmin_AsksFirst_NamingWhatItGrants_AndCancelChangesNothing()
    {
        var (owner, anna, _) = await SeedAsync();
        SignInAs(owner.Id);
        var dialogs = Render<MudDialogProvider>();
        var tab = RenderTab(anna);

        _ = AdminSwitch(tab).ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });

        dialogs.WaitForAssertion(() => Assert.Contains("Make Anna Novak an administrator?", dialogs.Markup));
        Assert.Contains("every permission", dialogs.Markup);
        Assert.Contains("other administrators", dialogs.Markup);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Make Anna Novak an administrator?", dialogs.Markup));
        Assert.False(await IsAdminAsync(anna.Id));
        tab.WaitForAssertion(() => Assert.False(AdminSwitch(tab).HasAttribute("checked")));
    }

    [Fact]
    public async Task MakingAnAdmin_Confirmed_MakesThemAdmin()
    {
        var (owner, anna, _) = await SeedAsync();
        SignInAs(owner.Id);
        var dialogs = Render<MudDialogProvider>();
        var tab = RenderTab(anna);

        _ = AdminSwitch(tab).ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        dialogs.WaitForElement("[data-testid=confirm]").Click();

        await WaitUntilAsync(() => IsAdminAsync(anna.Id));
    }

    [Fact]
    public async Task RemovingAdminRights_AsksFirst_NamingWhatIsLost()
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Sam", "Second", true, null));
        SignInAs(owner.Id);
        var dialogs = Render<MudDialogProvider>();
        var tab = RenderTab(people[0], admin: true);

        _ = AdminSwitch(tab).ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = false });

        dialogs.WaitForAssertion(() => Assert.Contains("Remove Sam Second's administrator rights?", dialogs.Markup));
        Assert.Contains("can no longer manage users", dialogs.Markup);
        dialogs.Find("[data-testid=confirm]").Click();
        await WaitUntilAsync(async () => !await IsAdminAsync(people[0].Id));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(20);
        }
    }
}
