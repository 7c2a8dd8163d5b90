using System.Security.Cryptography;
using Bunit;
using Hesh.Core.Common;
using Hesh.Core.TwoFactor;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Hesh.Tests.TwoFactor;

public sealed class PasskeysSectionTests : HeshComponentTest
{
    private async Task<HeshUser> OwnerWithPasskeysAsync(params string[] names)
    {
        var (owner, _) = await SeedCompanyAsync("Tom");
        await WithDbAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            var user = (await users.FindByIdAsync(owner.Id))!;
            foreach (var name in names)
            {
                var passkey = new UserPasskeyInfo(RandomNumberGenerator.GetBytes(16), [1, 2], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [1], [1])
                    { Name = name };
                Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
            }
            return true;
        });
        SignInAs(owner.Id);
        return owner;
    }

    private IRenderedComponent<PasskeysSection> RenderSection(HeshUser user, bool self = true) =>
        Render<PasskeysSection>(p => p.Add(s => s.User, Details(self: self) with { Id = user.Id, FirstName = user.FirstName }));

    [Fact]
    public async Task OwnProfile_ListsEachPasskey_NeverUsedUntilItSignsIn_WithTheWayToAddAnother()
    {
        var owner = await OwnerWithPasskeysAsync("Work laptop", "Phone");

        var section = RenderSection(owner);

        section.WaitForAssertion(() => Assert.Equal(2, section.FindAll("[data-testid=passkey-row]").Count));
        Assert.Equal(["Phone", "Work laptop"], section.FindAll("[data-testid=passkey-name]").Select(n => n.TextContent).Order());
        Assert.All(section.FindAll("[data-testid=passkey-last-used]"), cell => Assert.Equal("Never used", cell.TextContent.Trim()));
        Assert.Equal("Account/AddPasskey", section.Find("[data-testid=add-passkey]").GetAttribute("href"));
    }

    [Fact]
    public async Task OwnProfileWithoutPasskeys_SaysSo_AndOffersToAddOne()
    {
        var owner = await OwnerWithPasskeysAsync();

        var section = RenderSection(owner);

        section.WaitForAssertion(() => Assert.Contains("No passkeys yet", section.Markup));
        Assert.NotNull(section.Find("[data-testid=add-passkey]"));
    }

    [Fact]
    public async Task SomeoneElsesProfile_ShowsNoPasskeys_NotEvenTheSection()
    {
        var owner = await OwnerWithPasskeysAsync("Work laptop");

        var section = RenderSection(owner, self: false);

        Assert.Empty(section.FindAll("[data-testid=passkeys]"));
        Assert.DoesNotContain("Work laptop", section.Markup);
    }

    [Fact]
    public async Task Remove_AsksFirst_CancellingKeepsThePasskey_ConfirmingRemovesIt()
    {
        var owner = await OwnerWithPasskeysAsync("Work laptop");
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var section = RenderSection(owner);
        section.WaitForElement("[data-testid=remove-passkey]");

        var cancelled = section.Find("[data-testid=remove-passkey]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Remove this passkey?", dialogs.Markup));
        Assert.Contains("“Work laptop” will no longer sign you in", dialogs.Markup);
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await cancelled;
        Assert.Single((await PasskeysAsync(owner)));

        var confirmed = section.Find("[data-testid=remove-passkey]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=confirm]");
        await dialogs.Find("[data-testid=confirm]").ClickAsync(new());
        await confirmed;

        section.WaitForAssertion(() => Assert.Contains("No passkeys yet", section.Markup));
        Assert.Empty(await PasskeysAsync(owner));
    }

    [Fact]
    public async Task Rename_ToATooLongName_ShowsTheReasonInTheDialog_AndKeepsTheOldName()
    {
        var owner = await OwnerWithPasskeysAsync("Work laptop");
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var section = RenderSection(owner);
        section.WaitForElement("[data-testid=rename-passkey]");

        var click = section.Find("[data-testid=rename-passkey]").ClickAsync(new());
        dialogs.WaitForElement("input[data-testid=name-input]");
        dialogs.Find("input[data-testid=name-input]").Input(new string('x', PasskeyService.NameMaxLength + 1));
        await dialogs.Find("[data-testid=name-save]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("Use at most 60 characters.", dialogs.Markup));
        Assert.False(click.IsCompleted);
        Assert.Equal("Work laptop", Assert.Single(await PasskeysAsync(owner)).Name);
    }

    [Fact]
    public async Task RemovingOnesOwnPasskey_IsSaidOnce_WithoutAnAccessChangedNotice_FromTheLiveLayer()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var owner = await OwnerWithPasskeysAsync("Work laptop");
        var snackbar = Render<MudSnackbarProvider>();
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<Hesh.Web.Live.LiveRefresh>();
        var section = RenderSection(owner);
        section.WaitForElement("[data-testid=remove-passkey]");

        var click = section.Find("[data-testid=remove-passkey]").ClickAsync(new());
        dialogs.WaitForElement("[data-testid=confirm]");
        await dialogs.Find("[data-testid=confirm]").ClickAsync(new());
        await click;

        // The live layer has taken the change in (every open tab of the user refreshes) and chose not to announce it here.
        section.WaitForAssertion(() => Assert.Equal(AccessChangeKind.TwoFactor, Services.GetRequiredService<Hesh.Web.Live.LiveState>().LastChange?.Kind));
        snackbar.WaitForAssertion(() => Assert.Contains("The passkey was removed.", snackbar.Markup));
        Assert.DoesNotContain("changed your access", snackbar.Markup);
    }

    private Task<IReadOnlyList<PasskeyView>> PasskeysAsync(HeshUser owner) =>
        WithDbAsync(async s => (await s.GetRequiredService<PasskeyService>().ListAsync(owner.Id)).Value!);
}
