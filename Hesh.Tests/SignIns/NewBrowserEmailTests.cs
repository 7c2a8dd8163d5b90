using Hesh.Tests.Infrastructure;
using MimeKit;

namespace Hesh.Tests.SignIns;

/// <summary>A sign-in from a browser the account never used is emailed to its owner, once; known browsers and first sign-ins are not.</summary>
public sealed class NewBrowserEmailTests(AppHost host)
{
    private const string Subject = "New sign-in to Hesh";
    private const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    private List<MimeMessage> NewSignInMails(string to) =>
        !Directory.Exists(host.PickupDirectory) ? []
        : Directory.GetFiles(host.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.Subject == Subject && m.To.Mailboxes.Any(b => b.Address.Equals(to, StringComparison.OrdinalIgnoreCase))).ToList();

    [Fact]
    public async Task The_first_sign_in_of_an_account_and_later_ones_in_the_same_browser_send_nothing()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Nia");
        using var browser = new BrowserSession(host).From("203.0.113.61");

        await browser.SignInAsync(user.Email!, TestCompany.Password);
        await browser.SignOutAsync();
        await browser.SignInAsync(user.Email!, TestCompany.Password);

        Assert.True(await browser.IsSignedInAsync());
        Assert.Empty(NewSignInMails(user.Email!));
    }

    [Fact]
    public async Task A_sign_in_from_a_new_browser_is_emailed_once_with_the_time_device_address_and_a_link_to_the_security_tab()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Noa");
        using (var usual = new BrowserSession(host).From("203.0.113.62"))
        {
            await usual.SignInAsync(user.Email!, TestCompany.Password);
        }
        using var other = new BrowserSession(host).From("198.51.100.62").WithUserAgent(Safari);

        await other.SignInAsync(user.Email!, TestCompany.Password);
        await other.SignOutAsync();
        await other.SignInAsync(user.Email!, TestCompany.Password);

        var mail = Assert.Single(NewSignInMails(user.Email!));
        var at = (await host.FindUserAsync(user.Id))!.LastSignInAt!.Value;
        Assert.Contains("Safari on iPhone", mail.TextBody);
        Assert.Contains("198.51.100.62", mail.TextBody);
        Assert.Contains($"{at:yyyy-MM-dd} ", mail.TextBody);
        Assert.Contains("If this wasn't you, change your password and sign out other sessions", mail.TextBody);
        Assert.EndsWith($"/users/{user.Id}?tab=security", Mailbox.LinkIn(mail, "/users/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_from_a_new_browser_sends_nothing()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Ned");
        using (var usual = new BrowserSession(host))
        {
            await usual.SignInAsync(user.Email!, TestCompany.Password);
        }
        using var stranger = new BrowserSession(host).From("203.0.113.63");

        await stranger.SignInAsync(user.Email!, "Wrong-pass-1");

        Assert.Empty(NewSignInMails(user.Email!));
    }
}
