using Bunit;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using MudBlazor;

namespace Hesh.Tests.Users;

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
        dialogs.Find("input[data-testid=new-password]").Input("Strong-pass-1");
        dialogs.Find("input[data-testid=confirm-password]").Change("Strong-pass-2");
        await dialogs.Find("form#set-password-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("The passwords do not match.", dialogs.Markup));
        Assert.Contains("Create new password", dialogs.Markup);
        Assert.Contains("At least 8 characters — 15 or more recommended.", dialogs.Markup);
        Assert.False(click.IsCompleted);
    }

    /// <summary>Opens "Change password" for a real user of a seeded company, signed in as its owner.</summary>
    private async Task<IRenderedComponent<MudDialogProvider>> OpenChangePasswordAsync()
    {
        var (owner, people) = await SeedCompanyAsync("Olga", ("Anna", "Novak", false, null));
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var tab = RenderTab(Details(UserStatus.Active) with { Id = people[0].Id, Email = people[0].Email! });
        _ = tab.Find("[data-testid=change-password]").ClickAsync(new());
        dialogs.WaitForElement("input[data-testid=new-password]");
        return dialogs;
    }

    private static void Type(IRenderedComponent<MudDialogProvider> dialogs, string password) =>
        dialogs.Find("input[data-testid=new-password]").Input(password);

    [Fact]
    public async Task PasswordDialog_Meter_ShowsTheLevelInWords_AndTheRefusalTheSaveWouldGive()
    {
        var dialogs = await OpenChangePasswordAsync();

        Type(dialogs, "short");
        dialogs.WaitForAssertion(() => Assert.Contains("Strength: Too short", dialogs.Find("[data-testid=password-strength-label]").TextContent));
        Assert.Contains("At least 8 characters", dialogs.Find("[data-testid=password-strength-hint]").TextContent);

        Type(dialogs, "Qwerty123!");
        dialogs.WaitForAssertion(() => Assert.Equal("Weak", dialogs.Find("[data-testid=password-strength]").GetAttribute("data-level")));
        Assert.Contains("Strength: Weak", dialogs.Find("[data-testid=password-strength-label]").TextContent);
        Assert.StartsWith("This password is one of the most common ones", dialogs.Find("[data-testid=password-strength-hint]").TextContent.Trim());

        // The company is "Olga Co": its name comes from the store, not from anything on screen.
        Type(dialogs, "Olga-cobalt-harbor");
        dialogs.WaitForAssertion(() => Assert.Equal("Don't use your name, email or company name in your password.",
            dialogs.Find("[data-testid=password-strength-hint]").TextContent.Trim()));

        Type(dialogs, Hesh.Tests.Users.Passwords.PasswordRulesTests.Passphrase);
        dialogs.WaitForAssertion(() => Assert.Equal("Strong", dialogs.Find("[data-testid=password-strength]").GetAttribute("data-level")));
        Assert.Empty(dialogs.FindAll("[data-testid=password-strength-hint]"));
    }

    [Fact]
    public async Task PasswordDialog_Meter_IsAPoliteLiveRegion_AndTheFieldsCarryMaxLength()
    {
        var dialogs = await OpenChangePasswordAsync();

        Assert.Equal("polite", dialogs.Find("[data-testid=password-strength-label]").GetAttribute("aria-live"));
        Assert.Equal("128", dialogs.Find("input[data-testid=new-password]").GetAttribute("maxlength"));
        Assert.Equal("128", dialogs.Find("input[data-testid=confirm-password]").GetAttribute("maxlength"));
    }

    [Fact]
    public async Task PasswordDialog_SavingACommonPassword_IsRefusedWithTheReason_AndStaysOpen()
    {
        var dialogs = await OpenChangePasswordAsync();

        Type(dialogs, "Password1!");
        dialogs.Find("input[data-testid=confirm-password]").Change("Password1!");
        await dialogs.Find("form#set-password-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=dialog-error]")));
        Assert.Contains("This password is one of the most common ones", dialogs.Find(".mud-input-helper-text.mud-input-error, .mud-input-error").TextContent);
        Assert.Contains("Create new password", dialogs.Markup);
    }
}
