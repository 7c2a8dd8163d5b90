using System.Net;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Account;

public sealed class PasswordResetTests(AppHost host)
{
    [Fact]
    public async Task ForgotPassword_EmailsALink_ThatSetsANewPassword()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rita");
        using var session = new BrowserSession(host);

        await session.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = user.Email! });
        var link = Mailbox.LinkIn(await Mailbox.WaitForAsync(host.PickupDirectory, user.Email!, m => m.Subject?.Contains("Reset") == true), "/Account/ResetPassword");
        var response = await session.SubmitAsync(new Uri(link).PathAndQuery, "reset-password",
            new Dictionary<string, string> { ["Input.Password"] = "Brand-new-2", ["Input.ConfirmPassword"] = "Brand-new-2" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("ResetPasswordConfirmation", response.Headers.Location!.ToString());
        using var again = new BrowserSession(host);
        await again.SignInAsync(user.Email!, "Brand-new-2");
        Assert.True(await again.IsSignedInAsync());
    }

    [Fact]
    public async Task ResetLink_CannotBeUsedTwice()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rolf");
        using var session = new BrowserSession(host);
        await session.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = user.Email! });
        var path = new Uri(Mailbox.LinkIn(await Mailbox.WaitForAsync(host.PickupDirectory, user.Email!), "/Account/ResetPassword")).PathAndQuery;
        await session.SubmitAsync(path, "reset-password", new Dictionary<string, string> { ["Input.Password"] = "First-new-3", ["Input.ConfirmPassword"] = "First-new-3" });

        var page = await (await session.SubmitAsync(path, "reset-password",
            new Dictionary<string, string> { ["Input.Password"] = "Second-new-4", ["Input.ConfirmPassword"] = "Second-new-4" })).Content.ReadAsStringAsync();

        Assert.Contains("not valid", page);
        using var check = new BrowserSession(host);
        await check.SignInAsync(user.Email!, "Second-new-4");
        Assert.False(await check.IsSignedInAsync());
    }

    [Fact]
    public async Task ResetLink_WithACommonPassword_IsRefusedWithTheReason_AndTheOldPasswordAndTheLinkStillWork()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Runa");
        using var session = new BrowserSession(host);
        await session.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = user.Email! });
        var path = new Uri(Mailbox.LinkIn(await Mailbox.WaitForAsync(host.PickupDirectory, user.Email!), "/Account/ResetPassword")).PathAndQuery;

        var page = WebUtility.HtmlDecode(await (await session.SubmitAsync(path, "reset-password",
            new Dictionary<string, string> { ["Input.Password"] = "Password1!", ["Input.ConfirmPassword"] = "Password1!" })).Content.ReadAsStringAsync());

        Assert.Contains("This password is one of the most common ones", page);
        using var old = new BrowserSession(host);
        await old.SignInAsync(user.Email!, TestCompany.Password);
        Assert.True(await old.IsSignedInAsync());
        var retry = await session.SubmitAsync(path, "reset-password",
            new Dictionary<string, string> { ["Input.Password"] = "Quiet-river-stone", ["Input.ConfirmPassword"] = "Quiet-river-stone" });
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_ForUnknownEmail_SaysTheSameAndSendsNothing()
    {
        using var session = new BrowserSession(host);
        var email = $"ghost-{Guid.NewGuid():N}@test.hesh";

        var response = await session.SubmitAsync("/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

        Assert.Contains("ForgotPasswordConfirmation", response.Headers.Location!.ToString());
        await Assert.ThrowsAsync<TimeoutException>(() => Mailbox.WaitForAsync(host.PickupDirectory, email, timeout: TimeSpan.FromSeconds(1)));
    }
}
