using System.Net;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Account;

public sealed class InvitationFlowTests(AppHost host)
{
    private async Task<(HeshUser User, string Path)> InviteAsync(TestCompany company, string first)
    {
        var email = $"{first.ToLowerInvariant()}-{Guid.NewGuid():N}@test.hesh";
        var result = await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().InviteAsync(company.OwnerId,
            new InviteUserInput { Email = email, FirstName = first, LastName = "Newcomer" }));
        Assert.True(result.Succeeded, result.Error);
        var link = Mailbox.LinkIn(await Mailbox.WaitForAsync(host.PickupDirectory, email), "/Account/Invitation");
        return ((await host.FindUserAsync(result.Value!))!, new Uri(link).PathAndQuery);
    }

    private static Dictionary<string, string> Password(string password) =>
        new() { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password };

    [Fact]
    public async Task InvitedUser_SetsPassword_BecomesActive_AndIsSignedIn()
    {
        var company = await host.CreateCompanyAsync();
        var (user, path) = await InviteAsync(company, "Nina");
        Assert.Equal(UserStatus.Pending, user.Status);
        using var session = new BrowserSession(host);

        var response = await session.SubmitAsync(path, "invitation", Password("Joined-today-1"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(UserStatus.Active, (await host.FindUserAsync(user.Id))!.Status);
        Assert.True(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task InvitedUser_ChoosingACommonPassword_IsRefusedWithTheReason_AndStaysPending()
    {
        var company = await host.CreateCompanyAsync();
        var (user, path) = await InviteAsync(company, "Vera");
        using var session = new BrowserSession(host);

        var response = await session.SubmitAsync(path, "invitation", Password("Qwerty123!"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This password is one of the most common ones", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(UserStatus.Pending, (await host.FindUserAsync(user.Id))!.Status);
        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task InvitationLink_IsDeadOncePasswordIsSet()
    {
        var company = await host.CreateCompanyAsync();
        var (_, path) = await InviteAsync(company, "Olek");
        using var first = new BrowserSession(host);
        await first.SubmitAsync(path, "invitation", Password("Joined-today-2"));

        using var second = new BrowserSession(host);
        var page = await (await second.GetAsync(path)).Content.ReadAsStringAsync();

        Assert.Contains("no longer valid", page);
        Assert.DoesNotContain("name=\"Input.Password\"", page);
    }

    [Fact]
    public async Task InvitationLink_IsDeadOnceAnAdminSetsThePassword()
    {
        var company = await host.CreateCompanyAsync();
        var (user, path) = await InviteAsync(company, "Pia");
        using var session = new BrowserSession(host);
        var form = await session.ReadFormAsync(path, "invitation");
        var set = await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>()
            .SetPasswordAsync(company.OwnerId, user.Id, new NewPasswordInput { Password = "Admin-set-1", ConfirmPassword = "Admin-set-1" }));
        Assert.True(set.Succeeded, set.Error);

        var response = await session.PostRawAsync(path, new Dictionary<string, string>(form.Concat(Password("Hijack-pass-1"))));

        Assert.NotEqual(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await session.IsSignedInAsync());
        using var check = new BrowserSession(host);
        await check.SignInAsync(user.Email!, "Hijack-pass-1");
        Assert.False(await check.IsSignedInAsync());
    }

    [Fact]
    public async Task InvitationLink_IsDeadOnceTheUserIsInactivated()
    {
        var company = await host.CreateCompanyAsync();
        var (user, path) = await InviteAsync(company, "Quin");
        using var session = new BrowserSession(host);
        var form = await session.ReadFormAsync(path, "invitation");
        await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().ApplyStatusActionAsync(company.OwnerId, user.Id, StatusAction.Inactivate));

        var response = await session.PostRawAsync(path, new Dictionary<string, string>(form.Concat(Password("Quiet-entry-1"))));

        Assert.NotEqual(System.Net.HttpStatusCode.Redirect, response.StatusCode);

        var stored = (await host.FindUserAsync(user.Id))!;
        Assert.Equal(UserStatus.Inactive, stored.Status);
        Assert.Null(stored.PasswordHash);
    }

    [Fact]
    public async Task TamperedToken_IsRefused()
    {
        var company = await host.CreateCompanyAsync();
        var (user, _) = await InviteAsync(company, "Rex");
        using var session = new BrowserSession(host);

        var page = await (await session.GetAsync($"/Account/Invitation?userId={user.Id}&token=guess")).Content.ReadAsStringAsync();

        Assert.Contains("not valid", page);
    }

    [Fact]
    public async Task ResendInvitation_KillsTheOldLinkAndSendsANewOne()
    {
        var company = await host.CreateCompanyAsync();
        var (user, oldPath) = await InviteAsync(company, "Sol");
        var oldFiles = Directory.GetFiles(host.PickupDirectory).ToHashSet();
        var resent = await host.WithScopeAsync(s => s.GetRequiredService<UserAdministration>().ResendInvitationAsync(company.OwnerId, user.Id));
        Assert.True(resent.Succeeded, resent.Error);
        var newLink = Mailbox.LinkIn(await Mailbox.WaitForAsync(host.PickupDirectory, user.Email!, m => !Mailbox.LinkIn(m, "/Account/Invitation").EndsWith(oldPath, StringComparison.Ordinal)), "/Account/Invitation");
        using var session = new BrowserSession(host);

        var oldPage = await (await session.GetAsync(oldPath)).Content.ReadAsStringAsync();
        var newPage = await (await session.GetAsync(new Uri(newLink).PathAndQuery)).Content.ReadAsStringAsync();

        Assert.Contains("not valid", oldPage);
        Assert.Contains("name=\"Input.Password\"", newPage);
    }
}
