using Bunit;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using MudBlazor;

namespace Hesh.Tests.Web.Components;

public sealed class SecurityTabTests : HeshComponentTest
{
    private IRenderedComponent<SecurityTab> RenderTab(UserDetails user) => Render<SecurityTab>(p => p.Add(t => t.User, user));

    private static string[] Buttons(IRenderedComponent<SecurityTab> tab) =>
        tab.FindAll("button").Select(b => b.GetAttribute("data-testid") ?? "").ToArray();

    [Fact]
    public void PendingUser_OffersCreatePassword() =>
        Assert.Equal(["create-password"], Buttons(RenderTab(Details(UserStatus.Pending))));

    [Fact]
    public void ActiveUser_OffersChangePasswordAndSendResetLink() =>
        Assert.Equal(["change-password", "send-reset-link"], Buttons(RenderTab(Details(UserStatus.Active))));

    [Fact]
    public void InactiveUser_OffersNoPasswordAction_AndSaysWhy()
    {
        var tab = RenderTab(Details(UserStatus.Inactive));

        Assert.Empty(Buttons(tab));
        Assert.Contains("is inactive", tab.Markup);
    }

    [Fact]
    public void OwnProfile_OffersChangingOwnPassword_OnItsOwnPage()
    {
        var tab = RenderTab(Details(self: true, canManage: false));

        Assert.Empty(Buttons(tab));
        Assert.Equal("Account/ChangePassword", tab.Find("[data-testid=change-own-password]").GetAttribute("href"));
    }

    [Fact]
    public async Task CreatePasswordDialog_MismatchedPasswords_ShowsTheFieldMessage_AndStaysOpen()
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var tab = RenderTab(Details(UserStatus.Pending));

        // The tab awaits the dialog's result, so the click completes only when the dialog closes: don't await it.
        var click = tab.Find("[data-testid=create-password]").ClickAsync(new());
        dialogs.WaitForElement("input[data-testid=new-password]");
        dialogs.Find("input[data-testid=new-password]").Change("Strong-pass-1");
        dialogs.Find("input[data-testid=confirm-password]").Change("Strong-pass-2");
        await dialogs.Find("form#set-password-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("The passwords do not match.", dialogs.Markup));
        Assert.Contains("Create new password", dialogs.Markup);
        Assert.Contains("Use at least 8 characters", dialogs.Markup);
        Assert.False(click.IsCompleted);
    }
}
