using Bunit;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;

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
    public void UserOnOwnProfile_SeesNoStatusActions_ButCanEditAndUploadPhoto()
    {
        var tab = RenderTab(Details(self: true, canManage: false));

        Assert.Empty(StatusButtons(tab));
        Assert.NotNull(tab.Find("[data-testid=edit-user]"));
        Assert.NotNull(tab.Find("button[data-testid=photo-upload]"));
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
    public async Task ViewerWhoMayNotEdit_ClickingEdit_GetsTheModalSayingSo_AndNoEditForm()
    {
        Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var tab = Render<GeneralTab>(p => p.Add(t => t.User, Details(canManage: false)));

        await tab.Find("[data-testid=edit-user]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("only an administrator can edit it", dialogs.Find("[data-testid=denied-message]").TextContent));
        Assert.Empty(dialogs.FindAll("[data-testid=edit-first]"));
    }
}
