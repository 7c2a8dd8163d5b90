using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Permissions;
using Hesh.Core.Sessions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;

namespace Hesh.Tests.Users;

/// <summary>
/// What <see cref="UserDetails.Actions"/> offers is what the services do: an offered action succeeds, one that is not
/// offered is refused — so a button shown is never refused after the click, and a button hidden is not the only guard.
/// </summary>
public sealed class UserActionsTests(AppHost host)
{
    private static NewPasswordInput NewPassword() => new() { Password = "Fresh-cobalt-harbor-9", ConfirmPassword = "Fresh-cobalt-harbor-9" };

    private async Task<UserActions> ActionsAsync(string actorId, string userId) =>
        (await host.Call<UserQueries, UserDetails?>(q => q.GetAsync(actorId, userId)))!.Actions;

    [Fact]
    public async Task AdminOnTheOwner_IsNotOfferedSetPasswordInactivateOrTransfer_AndEachIsRefused()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Adam", admin: true);

        var actions = await ActionsAsync(admin.Id, company.OwnerId);

        Assert.False(actions.SetPassword);
        Assert.DoesNotContain(StatusAction.Inactivate, actions.StatusActions);
        Assert.False(actions.TransferOwnership);
        Assert.False(actions.EndSessions);
        Assert.False((await host.Call<UserAdministration, Result>(s => s.SetPasswordAsync(admin.Id, company.OwnerId, NewPassword()))).Succeeded);
        Assert.False((await host.Call<UserAdministration, Result>(s => s.ApplyStatusActionAsync(admin.Id, company.OwnerId, StatusAction.Inactivate))).Succeeded);
        Assert.False((await host.Call<OwnershipService, Result>(s => s.TransferAsync(admin.Id, company.OwnerId, TestCompany.Password))).Succeeded);
        Assert.False((await host.Call<SessionService, Result<int>>(s => s.EndAsync(admin.Id, company.OwnerId, null))).Succeeded);
    }

    [Fact]
    public async Task OwnerOnAnAdmin_IsOfferedSetPasswordInactivateEndSessionsAndTransfer_AndEachSucceeds()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Adam", admin: true);

        var actions = await ActionsAsync(company.OwnerId, admin.Id);

        Assert.True(actions.SetPassword);
        Assert.True(actions.EndSessions);
        Assert.True(actions.TransferOwnership);
        Assert.True(actions.ToggleAdmin);
        Assert.Equal([StatusAction.Inactivate], actions.StatusActions);
        Assert.True((await host.Call<UserAdministration, Result>(s => s.SetPasswordAsync(company.OwnerId, admin.Id, NewPassword()))).Succeeded);
        Assert.True((await host.Call<SessionService, Result<int>>(s => s.EndAsync(company.OwnerId, admin.Id, null))).Succeeded);
        Assert.True((await host.Call<OwnershipService, Result>(s => s.TransferAsync(company.OwnerId, admin.Id, TestCompany.Password))).Succeeded);
    }

    [Fact]
    public async Task UsersPermissionsHolder_IsOfferedNothingButToLook_AndEditingIsRefused()
    {
        var company = await host.CreateCompanyAsync();
        var holder = await company.AddUserAsync("Hana");
        var member = await company.AddUserAsync("Boris");
        var sheet = await host.Call<UserPermissionService, PermissionSheet?>(s => s.GetAsync(company.OwnerId, holder.Id));
        Assert.True((await host.Call<UserPermissionService, Result<PermissionSheet>>(s =>
            s.ToggleAsync(company.OwnerId, holder.Id, Platform.Web, PermissionKey.UsersPermissions, true, sheet!.Version))).Succeeded);

        var actions = await ActionsAsync(holder.Id, member.Id);

        Assert.True(actions.SeeDirectory);
        Assert.False(actions.EditProfile);
        Assert.Empty(actions.StatusActions);
        Assert.False(actions.SeeSecurity);
        Assert.False(actions.ToggleAdmin);
        Assert.False((await host.Call<UserAdministration, Result>(s =>
            s.UpdateProfileAsync(holder.Id, member.Id, new EditProfileInput { FirstName = "Changed", LastName = "Name" }))).Succeeded);
        Assert.False((await host.Call<UserAdministration, Result>(s => s.ApplyStatusActionAsync(holder.Id, member.Id, StatusAction.Inactivate))).Succeeded);
        Assert.False((await host.Call<UserQueries, UserDirectoryActions>(q => q.DirectoryActionsAsync(holder.Id))).Invite);
    }

    [Fact]
    public async Task Self_IsOfferedOwnPasswordAndProfile_NotInactivatingOrSettingTheirPasswordAsAdmin()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Adam", admin: true);

        var actions = await ActionsAsync(admin.Id, admin.Id);

        Assert.True(actions.ChangeOwnPassword);
        Assert.True(actions.EditProfile);
        Assert.False(actions.SetPassword);
        Assert.Empty(actions.StatusActions);
        Assert.False(actions.ToggleAdmin);
        Assert.False((await host.Call<UserAdministration, Result>(s => s.SetPasswordAsync(admin.Id, admin.Id, NewPassword()))).Succeeded);
        Assert.False((await host.Call<UserAdministration, Result>(s => s.ApplyStatusActionAsync(admin.Id, admin.Id, StatusAction.Inactivate))).Succeeded);
        Assert.True((await host.Call<UserAdministration, Result>(s =>
            s.UpdateProfileAsync(admin.Id, admin.Id, new EditProfileInput { FirstName = "Adam", LastName = "Renamed" }))).Succeeded);
    }

    [Fact]
    public async Task OwnershipBack_OffersToRemoveTheFormerOwnersAdminRights_OnlyToTheOneWhoGotItBack()
    {
        var company = await host.CreateCompanyAsync();
        var boris = await company.AddUserAsync("Boris");
        var carl = await company.AddUserAsync("Carl", admin: true);
        Assert.True((await host.Call<OwnershipService, Result>(s => s.TransferAsync(company.OwnerId, boris.Id, TestCompany.Password))).Succeeded);
        Assert.False((await ActionsAsync(boris.Id, company.OwnerId)).OfferRemoveAdmin);

        Assert.True((await host.Call<OwnershipService, Result>(s => s.TransferAsync(boris.Id, company.OwnerId, TestCompany.Password))).Succeeded);

        Assert.True((await ActionsAsync(company.OwnerId, boris.Id)).OfferRemoveAdmin);
        Assert.False((await ActionsAsync(company.OwnerId, carl.Id)).OfferRemoveAdmin);
    }

    [Fact]
    public async Task AUserOfAnotherCompany_IsNotFound_SoNothingIsOffered()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();

        Assert.Null(await host.Call<UserQueries, UserDetails?>(q => q.GetAsync(company.OwnerId, other.OwnerId)));
    }
}
