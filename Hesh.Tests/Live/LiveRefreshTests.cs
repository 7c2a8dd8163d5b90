using Bunit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Layout;
using Hesh.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Live;

public sealed class LiveRefreshTests : HeshComponentTest
{
    public LiveRefreshTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private AccessNotifier Bus => Services.GetRequiredService<AccessNotifier>();

    private async Task<(HeshUser Owner, HeshUser Boris)> SeedAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Lia", ("Boris", "Petrov", false, null));
        return (owner, people[0]);
    }

    [Fact]
    public async Task Circuit_SubscribesToItsOwnUserOnlyOnStart_AndIsGoneWhenDisposed()
    {
        SignInAs("someone");

        var live = Render<LiveRefresh>();
        Assert.Equal((1, 0), (Bus.SubscriptionsOf("someone"), Bus.SubscriptionsOf("someone-else")));

        await DisposeComponentsAsync();
        Assert.Equal(0, Bus.SubscriptionsOf("someone"));
        Assert.True(live.IsDisposed);
    }

    [Fact]
    public async Task PermissionGranted_ShowsInTheMenu_WithoutReload_AndTheUserIsTold()
    {
        var (owner, boris) = await SeedAsync();
        SignInAs(boris.Id);
        var snackbar = Render<MudSnackbarProvider>();
        Render<LiveRefresh>();
        var menu = Render<NavMenu>();
        menu.WaitForAssertion(() => Assert.Contains("My profile", menu.Markup));
        Assert.DoesNotContain("Departments", menu.Markup);

        var granted = await WithDbAsync(s => s.GetRequiredService<UserPermissionService>()
            .ToggleAsync(owner.Id, boris.Id, Platform.Web, PermissionKey.PositionsDepartments, true, 0));
        Assert.True(granted.Succeeded, granted.Error);

        menu.WaitForAssertion(() => Assert.Contains("Departments &amp; positions", menu.Markup));
        snackbar.WaitForAssertion(() => Assert.Contains("Lia Owner changed your access: Positions &amp; departments (web access) switched on.", snackbar.Markup));
    }

    [Fact]
    public async Task PermissionRevoked_HidesTheMenuEntry_AndTheLostPageSaysWhoRemovedIt()
    {
        var (owner, boris) = await SeedAsync();
        await WithDbAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(owner.Id, boris.Id, Platform.Web, PermissionKey.CompanyProfile, true, 0));
        SignInAs(boris.Id);
        Render<LiveRefresh>();
        var menu = Render<NavMenu>();
        menu.WaitForAssertion(() => Assert.Contains("Company profile", menu.Markup));

        await WithDbAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(owner.Id, boris.Id, Platform.Web, PermissionKey.CompanyProfile, false, 1));

        menu.WaitForAssertion(() => Assert.DoesNotContain("Company profile", menu.Markup));
        var notice = Render<Hesh.Web.Components.Shared.NoAccess>();
        Assert.Contains("removed by Lia Owner", notice.Find("[data-testid=access-removed]").TextContent);
    }

    [Fact]
    public async Task ACompanyRequiringTwoFactor_TellsTheOpenTabOfEachPersonItCovers_WithTheWayToSetItUp()
    {
        var (owner, boris) = await SeedAsync();
        SignInAs(boris.Id);
        var snackbar = Render<MudSnackbarProvider>();
        Render<LiveRefresh>();

        var set = await WithDbAsync(s => s.GetRequiredService<Hesh.Core.TwoFactor.SecurityPolicyService>()
            .SetAsync(owner.Id, Hesh.Core.TwoFactor.TwoFactorPolicy.RequiredForEveryone, 5));
        Assert.True(set.Succeeded, set.Error);

        snackbar.WaitForAssertion(() =>
        {
            Assert.Contains("Lia Owner: Lia Co now requires two-factor sign-in: set it up within 5 days.", snackbar.Markup);
            Assert.Contains("Set up", snackbar.Markup);
        });
    }

    [Fact]
    public async Task ChangesOfOtherUsers_DoNotReachThisCircuit()
    {
        var (owner, boris) = await SeedAsync();
        SignInAs(owner.Id);
        Render<LiveRefresh>();
        var live = Services.GetRequiredService<LiveState>();

        await WithDbAsync(s => s.GetRequiredService<UserPermissionService>().ToggleAsync(owner.Id, boris.Id, Platform.Web, PermissionKey.Analytics, true, 0));

        Assert.Null(live.LastChange);
    }
}

public sealed class LiveGuardTests : HeshComponentTest
{
    public LiveGuardTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    [Fact]
    public async Task AdminRightsRemovedWhileTheEditDialogIsOpen_TheDialogClosesWithAMessage()
    {
        var (owner, people) = await SeedCompanyAsync("Gus", ("Ada", "Admin", true, null), ("Ann", "User", false, null));
        var (admin, anna) = (people[0], people[1]);
        SignInAs(admin.Id);
        Render<MudPopoverProvider>();
        var snackbar = Render<MudSnackbarProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<LiveRefresh>();
        var annDetails = Details() with { Id = anna.Id, FirstName = "Ann", LastName = "User", Email = anna.Email! };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<Hesh.Web.Components.Pages.Users.EditProfileDialog>("Edit",
            new DialogParameters<Hesh.Web.Components.Pages.Users.EditProfileDialog> { { d => d.User, annDetails } }));
        dialogs.WaitForElement("input[data-testid=edit-first]");

        var removed = await WithDbAsync(s => s.GetRequiredService<UserPermissionService>().SetAdminAsync(owner.Id, admin.Id, false, 0));
        Assert.True(removed.Succeeded, removed.Error);

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("input[data-testid=edit-first]")));
        snackbar.WaitForAssertion(() => Assert.Contains("you can no longer edit this user. Nothing was saved.", snackbar.Markup));
    }
}
