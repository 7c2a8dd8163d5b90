using Bunit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Hesh.Web.Live;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.Users;

public sealed class UserDetailsPageTests : HeshComponentTest
{
    private static readonly AccessSet WithUsersPermissions = AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true);

    private Task<(HeshUser Owner, HeshUser[] People)> SeedAsync() =>
        SeedCompanyAsync("Olga", ("Adam", "Admin", true, WithUsersPermissions), ("Boris", "Member", false, null),
            ("Hana", "Holder", false, WithUsersPermissions));

    private IRenderedComponent<MudPopoverProvider> _popovers = default!;

    private IRenderedComponent<UserDetailsPage> Open(string viewerId, string userId)
    {
        SignInAs(viewerId);
        _popovers = Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        var page = Render<UserDetailsPage>(p => p.Add(x => x.UserId, userId));
        page.WaitForElement("[data-testid=user-name]");
        return page;
    }

    private Task<T> Call<TService, T>(Func<TService, Task<T>> call) where TService : notnull =>
        WithDbAsync(s => call(s.GetRequiredService<TService>()));

    /// <summary>What LiveRefresh does on the viewer's circuit when their access changes.</summary>
    private Task AccessChangedAsync(IRenderedComponent<UserDetailsPage> page, string userId, AccessChangeKind kind) =>
        page.InvokeAsync(() => Services.GetRequiredService<LiveState>().PublishAsync(
            new AccessChanged(userId, Guid.Empty, kind, "someone", "Olga Owner", "changed"), DateTime.UtcNow));

    [Fact]
    public async Task Owner_FindsTransferOwnership_InTheMoreMenu_NotAsAButtonOnATab()
    {
        var (owner, people) = await SeedAsync();
        var page = Open(owner.Id, people[1].Id);

        Assert.Empty(page.FindAll("button[data-testid=transfer-ownership]"));
        page.Find("[data-testid=more-actions] button").Click();

        page.WaitForAssertion(() => Assert.Contains("Transfer ownership…", _popovers.Markup));
    }

    [Fact]
    public async Task Admin_WhoIsNotTheOwner_GetsNoMoreMenu()
    {
        var (_, people) = await SeedAsync();
        var page = Open(people[0].Id, people[1].Id);

        Assert.Empty(page.FindAll("[data-testid=more-actions]"));
    }

    [Fact]
    public async Task UsersPermissionsHolder_GetsTheBreadcrumbButNoMoreMenu()
    {
        var (_, people) = await SeedAsync();
        var page = Open(people[2].Id, people[1].Id);

        Assert.NotNull(page.Find("nav[aria-label=Breadcrumb]"));
        Assert.Empty(page.FindAll("[data-testid=more-actions]"));
    }

    [Fact]
    public async Task AdminRightsRevoked_TheEditAndStatusButtonsDisappearLive()
    {
        var (owner, people) = await SeedAsync();
        var page = Open(people[0].Id, people[1].Id);
        Assert.NotNull(page.Find("[data-testid=edit-user]"));
        Assert.NotNull(page.Find("button[data-testid=status-Inactivate]"));

        var sheet = await Call<UserPermissionService, PermissionSheet?>(s => s.GetAsync(owner.Id, people[0].Id));
        Assert.True((await Call<UserPermissionService, Result<PermissionSheet>>(s => s.SetAdminAsync(owner.Id, people[0].Id, false, sheet!.Version))).Succeeded);
        await AccessChangedAsync(page, people[0].Id, AccessChangeKind.Admin);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=edit-user]")));
        Assert.Empty(page.FindAll("button[data-testid^=status-]"));
        Assert.Contains("Boris Member", page.Find("[data-testid=user-name]").TextContent);
    }

    [Fact]
    public async Task OwnershipGivenAway_TheMoreMenuDisappearsLive()
    {
        var (owner, people) = await SeedAsync();
        var page = Open(owner.Id, people[1].Id);
        Assert.NotNull(page.Find("[data-testid=more-actions]"));

        Assert.True((await Call<OwnershipService, Result>(s => s.TransferAsync(owner.Id, people[0].Id, SeedPassword))).Succeeded);
        await AccessChangedAsync(page, owner.Id, AccessChangeKind.Ownership);

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=more-actions]")));
    }

    [Fact]
    public async Task OwnershipBackFromTheFormerOwner_OffersToRemoveTheirAdminRights_AndDoesIt()
    {
        var (owner, people) = await SeedAsync();
        var boris = people[1];
        Assert.True((await Call<OwnershipService, Result>(s => s.TransferAsync(owner.Id, boris.Id, SeedPassword))).Succeeded);
        Assert.True((await Call<OwnershipService, Result>(s => s.TransferAsync(boris.Id, owner.Id, SeedPassword))).Succeeded);

        var page = Open(owner.Id, boris.Id);
        Assert.Contains("Remove Boris's administrator rights?", page.Find("[data-testid=offer-remove-admin]").TextContent);
        page.Find("[data-testid=offer-remove-admin-yes]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=offer-remove-admin]")));
        Assert.False((await Call<UserQueries, UserDetails?>(q => q.GetAsync(owner.Id, boris.Id)))!.IsAdmin);
    }

    [Fact]
    public async Task AnAdminWhoNeverGaveOwnershipBack_IsNotOfferedForRemoval()
    {
        var (owner, people) = await SeedAsync();
        var page = Open(owner.Id, people[0].Id);

        Assert.Empty(page.FindAll("[data-testid=offer-remove-admin]"));
    }
}
