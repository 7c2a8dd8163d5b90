using Bunit;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Users;

public sealed class GeneralTabTests : HeshComponentTest
{
    private IRenderedComponent<GeneralTab> RenderTab(UserDetails user)
    {
        Render<MudBlazor.MudPopoverProvider>();
        return Render<GeneralTab>(p => p.Add(t => t.User, user));
    }

    private static string[] StatusButtons(IRenderedComponent<GeneralTab> tab) =>
        tab.FindAll("[data-testid^=status-]").Where(e => e.TagName == "BUTTON").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public void PendingUser_OffersInactivateAndResendInvitation() =>
        Assert.Equal(["Inactivate", "Resend invitation"], StatusButtons(RenderTab(Details(UserStatus.Pending))));

    [Fact]
    public void ActiveUser_OffersOnlyInactivate() =>
        Assert.Equal(["Inactivate"], StatusButtons(RenderTab(Details(UserStatus.Active))));

    [Fact]
    public void InactiveUser_OffersOnlyActivate() =>
        Assert.Equal(["Activate"], StatusButtons(RenderTab(Details(UserStatus.Inactive))));

    [Fact]
    public void PendingUser_ShowsWhenTheInvitationExpires() =>
        Assert.Contains("Invitation sent", RenderTab(Details(UserStatus.Pending)).Markup);

    [Fact]
    public void PendingUser_ShowsTheInvitationsEnd_OnTheViewersClock_WithTheZoneNamed_NotTheServers()
    {
        Services.GetRequiredService<Hesh.Web.Preferences.ViewerClock>().Use(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));
        // 20:00 UTC on 10 January is 01:30 on the 11th in Kolkata.
        var user = Details(UserStatus.Pending) with { InvitationExpiresAt = new DateTime(2030, 1, 10, 20, 0, 0, DateTimeKind.Utc) };

        var tab = RenderTab(user);

        Assert.Equal("Invitation sent; the link is valid until 2030-01-11 01:30 Kolkata (UTC+5:30).", tab.Find("[data-testid=invitation-valid]").TextContent.Trim());
    }

    [Fact]
    public async Task UserOnOwnProfile_SeesNoStatusActions_ButCanEditAndUploadPhoto_AndSetTheirPreferences()
    {
        // The Preferences section reads the store.
        await WithDbAsync(_ => Task.FromResult(0));
        var tab = RenderTab(Details(self: true, canManage: false));

        Assert.Empty(StatusButtons(tab));
        Assert.NotNull(tab.Find("[data-testid=edit-user]"));
        Assert.NotNull(tab.Find("button[data-testid=photo-upload]"));
        Assert.NotNull(tab.Find("[data-testid=preferences]"));
    }

    [Fact]
    public void Email_IsReadOnlyWithTheReasonShown()
    {
        var tab = RenderTab(Details());

        Assert.Contains("Read-only: the email is the sign-in name.", tab.Find("[data-testid=general-info]").TextContent);
        Assert.Empty(tab.FindAll("input[type=email]"));
    }

    [Fact]
    public void NameWithMarkup_IsRenderedAsText()
    {
        var tab = RenderTab(Details(first: "<b>Bold</b>"));

        Assert.Contains("&lt;b&gt;Bold&lt;/b&gt;", tab.Markup);
        Assert.Empty(tab.FindAll("[data-testid=general-info] b"));
    }
}

public sealed class GeneralTabViewerTests : HeshComponentTest
{
    [Fact]
    public void ViewerWhoMayNotEdit_SeesNoEditOrStatusButtons_AndWhoCanEdit()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var tab = Render<GeneralTab>(p => p.Add(t => t.User, Details(canManage: false)));

        Assert.Empty(tab.FindAll("[data-testid=edit-user]"));
        Assert.Empty(tab.FindAll("button[data-testid^=status-]"));
        Assert.Empty(tab.FindAll("[data-testid=photo-upload]"));
        Assert.Contains("Only an administrator can edit", tab.Find("[data-testid=edit-not-yours]").TextContent);
    }
}

/// <summary>The buttons of the tab for real viewers of real users, as <see cref="UserQueries"/> returns them.</summary>
public sealed class GeneralTabCapabilityTests : HeshComponentTest
{
    private async Task<IRenderedComponent<GeneralTab>> AsAsync(string viewerId, string userId)
    {
        SignInAs(viewerId);
        var details = await WithDbAsync(s => s.GetRequiredService<UserQueries>().GetAsync(viewerId, userId));
        Render<MudBlazor.MudPopoverProvider>();
        return Render<GeneralTab>(p => p.Add(t => t.User, details!));
    }

    private Task<(HeshUser Owner, HeshUser[] People)> SeedAsync() => SeedCompanyAsync("Olga",
        ("Adam", "Admin", true, null), ("Boris", "Member", false, null),
        ("Hana", "Holder", false, AccessSet.Defaults(Platform.Web).With(PermissionKey.UsersPermissions, true)));

    private static string[] StatusButtons(IRenderedComponent<GeneralTab> tab) =>
        tab.FindAll("button[data-testid^=status-]").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Admin_OnAMember_MayEditAndInactivate()
    {
        var (_, people) = await SeedAsync();
        var tab = await AsAsync(people[0].Id, people[1].Id);

        Assert.NotNull(tab.Find("[data-testid=edit-user]"));
        Assert.Equal(["Inactivate"], StatusButtons(tab));
    }

    [Fact]
    public async Task Admin_OnTheOwner_MayEdit_ButIsNotOfferedToInactivateThem()
    {
        var (owner, people) = await SeedAsync();
        var tab = await AsAsync(people[0].Id, owner.Id);

        Assert.NotNull(tab.Find("[data-testid=edit-user]"));
        Assert.Empty(StatusButtons(tab));
    }

    [Fact]
    public async Task UsersPermissionsHolder_SeesTheUser_ButNoEditNorStatusAction()
    {
        var (_, people) = await SeedAsync();
        var tab = await AsAsync(people[2].Id, people[1].Id);

        Assert.Empty(tab.FindAll("[data-testid=edit-user]"));
        Assert.Empty(StatusButtons(tab));
    }

    [Fact]
    public async Task AdminOnTheirOwnProfile_MayEdit_ButIsNotOfferedToInactivateThemself()
    {
        var (_, people) = await SeedAsync();
        var tab = await AsAsync(people[0].Id, people[0].Id);

        Assert.NotNull(tab.Find("[data-testid=edit-user]"));
        Assert.Empty(StatusButtons(tab));
    }
}
