using System.Net;
using Hesh.Tests.Users.Passwords;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Hesh.Tests.Companies;

/// <summary>
/// Sign-up asks for the email first: the page answers "check your email" for a free and a taken email alike, so it
/// cannot be used to find accounts; the link in the mail creates the company and signs its owner in.
/// </summary>
public sealed class SignUpTests(AppHost host)
{
    private static Dictionary<string, string> Form(string company, string email, string password = "Strong-pass-1", string first = "Sam") => new()
    {
        ["Input.CompanyName"] = company, ["Input.FirstName"] = first, ["Input.LastName"] = "Founder",
        ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
    };

    private Task<MimeMessage> MailAsync(string to, string subject) =>
        Mailbox.WaitForAsync(host.PickupDirectory, to, m => m.Subject?.Contains(subject, StringComparison.Ordinal) == true);

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    [Fact]
    public async Task SignUp_SendsALink_AndOpeningItCreatesTheCompanyWithAnActiveAdminOwner_AndSignsIn()
    {
        var email = $"founder-{Guid.NewGuid():N}@test.hesh";
        var name = $"Acme Metalworks {Guid.NewGuid().ToString("N")[..6]}";
        using var session = new BrowserSession(host);

        var asked = await session.SubmitAsync("/Account/SignUp", "signup", Form(name, email));

        Assert.EndsWith("/Account/SignUp/Sent", asked.Headers.Location?.OriginalString);
        Assert.False(await host.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        var link = PathOf(Mailbox.LinkIn(await MailAsync(email, "Confirm your email"), "/Account/SignUp/Confirm"));
        Assert.Contains(name, await session.GetPageAsync(link));

        var confirmed = await session.SubmitAsync(link, "signup-confirm", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var owner = await host.DbAsync(db => db.Users.Include(u => u.Company).SingleAsync(u => u.Email == email));
        Assert.True(owner.IsOwner);
        Assert.True(owner.IsAdmin);
        Assert.Equal(Hesh.Core.Users.UserStatus.Active, owner.Status);
        Assert.Equal("Company owner", owner.RoleName);
        Assert.Equal(name, owner.Company!.Name);
        Assert.True(await session.IsSignedInAsync());
        using var again = new BrowserSession(host);
        await again.SignInAsync(email, "Strong-pass-1");
        Assert.True(await again.IsSignedInAsync());
    }

    [Fact]
    public async Task ANewCompany_NumbersItsWork_WithLettersOfItsOwnName_NotHesh()
    {
        var company = await host.CreateCompanyAsync($"Acme Forge {Guid.NewGuid().ToString("N")[..6]}");
        var oneWord = await host.CreateCompanyAsync("Forge");

        var keys = await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id || c.Id == oneWord.Id).ToDictionaryAsync(c => c.Id, c => c.KeyAbbreviation));

        // The random tag is a third word: its first letter is a letter or a digit; the first two are always A and F.
        Assert.StartsWith("AF", keys[company.Id]);
        Assert.Equal("FO", keys[oneWord.Id]);
    }

    [Fact]
    public async Task SignUp_WithAnEmailInUse_AnswersLikeAFreeOne_CreatesNothing_AndTellsTheAccountsOwner()
    {
        var company = await host.CreateCompanyAsync();
        var before = await host.DbAsync(db => db.Companies.CountAsync(c => c.Name == "Second Co"));
        using var taken = new BrowserSession(host);
        using var free = new BrowserSession(host);

        var takenAnswer = await taken.SubmitAsync("/Account/SignUp", "signup", Form("Second Co", company.OwnerEmail));
        var freeAnswer = await free.SubmitAsync("/Account/SignUp", "signup", Form("Second Co", $"free-{Guid.NewGuid():N}@test.hesh"));

        Assert.Equal(freeAnswer.StatusCode, takenAnswer.StatusCode);
        Assert.Equal(freeAnswer.Headers.Location, takenAnswer.Headers.Location);
        Assert.DoesNotContain("already exists", await taken.GetPageAsync(takenAnswer.Headers.Location!.OriginalString));
        Assert.Equal(before, await host.DbAsync(db => db.Companies.CountAsync(c => c.Name == "Second Co")));
        var notice = await MailAsync(company.OwnerEmail, "Someone tried to create a Hesh company with your email");
        Assert.Contains("sign in or reset your password", notice.TextBody);
        Assert.DoesNotContain("/Account/SignUp/Confirm", notice.TextBody);
    }

    [Theory]
    [InlineData("free")]
    [InlineData("taken")]
    public async Task SignUp_WithWeakPassword_ShowsThePolicy_WhicheverTheEmail_AndCreatesAndSendsNothing(string kind)
    {
        var company = await host.CreateCompanyAsync();
        var email = kind == "taken" ? company.OwnerEmail : $"weak-{Guid.NewGuid():N}@test.hesh";
        var mails = Mailbox.CountFor(host, email);
        using var session = new BrowserSession(host);

        var page = await (await session.SubmitAsync("/Account/SignUp", "signup", Form("Weak Co", email, "password"))).Content.ReadAsStringAsync();

        Assert.Contains("This password is one of the most common ones", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("already exists", page);
        Assert.Equal(kind == "taken" ? 1 : 0, await host.DbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        Assert.False(await host.DbAsync(db => db.Companies.AnyAsync(c => c.Name == "Weak Co")));
        Assert.Equal(mails, Mailbox.CountFor(host, email));
    }

    [Theory]
    [InlineData("free")]
    [InlineData("taken")]
    public async Task SignUp_WithScriptInName_IsRefused_WhicheverTheEmail_AndNothingIsSaved(string kind)
    {
        var company = await host.CreateCompanyAsync();
        var email = kind == "taken" ? company.OwnerEmail : $"xss-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);

        var page = await (await session.SubmitAsync("/Account/SignUp", "signup", Form("Script Co", email, first: "<script>alert(1)</script>"))).Content.ReadAsStringAsync();

        Assert.Contains("may contain only letters", page);
        Assert.DoesNotContain("already exists", page);
        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.Equal(kind == "taken" ? 1 : 0, await host.DbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task A_sign_up_link_opened_twice_creates_one_company()
    {
        var email = $"twice-{Guid.NewGuid():N}@test.hesh";
        var name = $"Twice Co {Guid.NewGuid().ToString("N")[..6]}";
        using var first = new BrowserSession(host);
        await first.SubmitAsync("/Account/SignUp", "signup", Form(name, email));
        var link = PathOf(Mailbox.LinkIn(await MailAsync(email, "Confirm your email"), "/Account/SignUp/Confirm"));
        await first.SubmitAsync(link, "signup-confirm", new Dictionary<string, string>());
        using var second = new BrowserSession(host);

        var page = await (await second.SubmitAsync(link, "signup-confirm", new Dictionary<string, string>())).Content.ReadAsStringAsync();

        Assert.Contains("already exists", page);
        Assert.Equal(1, await host.DbAsync(db => db.Companies.CountAsync(c => c.Name == name)));
        Assert.False(await second.IsSignedInAsync());
    }

    [Theory]
    [InlineData("Password1!")]
    [InlineData("Qwerty123!")]
    public async Task SignUp_WithACommonPassword_IsRefusedWithTheReason_AndCreatesAndSendsNothing(string password)
    {
        var email = $"common-{Guid.NewGuid():N}@test.hesh";
        var company = $"Common Co {Guid.NewGuid():N}"[..18];
        using var session = new BrowserSession(host);

        var page = WebUtility.HtmlDecode(await (await session.SubmitAsync("/Account/SignUp", "signup", Form(company, email, password))).Content.ReadAsStringAsync());

        Assert.Contains("This password is one of the most common ones", page);
        Assert.False(await host.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False(await host.DbAsync(db => db.Companies.AnyAsync(c => c.Name == company)));
        Assert.Equal(0, Mailbox.CountFor(host, email));
    }

    [Fact]
    public async Task SignUp_WithA64CharacterPassphraseOfLowerCaseWords_Succeeds_ThoughItHasNoDigitCapitalOrSymbol()
    {
        var email = $"phrase-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);

        var asked = await session.SubmitAsync("/Account/SignUp", "signup", Form($"Passphrase Works {Guid.NewGuid():N}"[..24], email, PasswordRulesTests.Passphrase));
        Assert.EndsWith("/Account/SignUp/Sent", asked.Headers.Location?.OriginalString);
        var link = PathOf(Mailbox.LinkIn(await MailAsync(email, "Confirm your email"), "/Account/SignUp/Confirm"));
        await session.SubmitAsync(link, "signup-confirm", new Dictionary<string, string>());

        using var again = new BrowserSession(host);
        await again.SignInAsync(email, PasswordRulesTests.Passphrase);
        Assert.True(await again.IsSignedInAsync());
    }

    [Fact]
    public async Task SignUp_WithTheOwnersNameInThePassword_IsRefused_AndCreatesNothing()
    {
        var email = $"named-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);

        var page = WebUtility.HtmlDecode(await (await session.SubmitAsync("/Account/SignUp", "signup",
            Form("Named Co", email, "Gideon-cobalt-harbor", first: "Gideon"))).Content.ReadAsStringAsync());

        Assert.Contains("Don't use your name, email or company name in your password.", page);
        Assert.False(await host.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.Equal(0, Mailbox.CountFor(host, email));
    }

    [Fact]
    public async Task SignUpPage_PrintsThePolicy_AndItsPasswordFieldsCarryMaxLengthAndTheMeter()
    {
        using var session = new BrowserSession(host);

        var page = WebUtility.HtmlDecode(await session.GetPageAsync("/Account/SignUp"));

        Assert.Contains("At least 8 characters — 15 or more recommended. A few unrelated words make a strong, memorable password.", page);
        Assert.Matches("<input[^>]*id=\"password\"[^>]*maxlength=\"128\"", page);
        Assert.Matches("<input[^>]*id=\"confirm\"[^>]*maxlength=\"128\"", page);
        Assert.Matches("<input[^>]*id=\"password\"[^>]*data-password-meter=\"password-meter\"", page);
        Assert.Matches("id=\"password-meter-label\"[^>]*aria-live=\"polite\"", page);
        Assert.DoesNotContain("uppercase", page);
    }
}
