using System.Net;
using Hesh.Tests.Core.Users.Passwords;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Web.Account;

public sealed class SignUpTests(AppHost host)
{
    private static Dictionary<string, string> Form(string company, string email, string password = "Strong-pass-1", string first = "Sam") => new()
    {
        ["Input.CompanyName"] = company, ["Input.FirstName"] = first, ["Input.LastName"] = "Founder",
        ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public async Task SignUp_CreatesCompanyWithActiveAdminOwner_AndSignsIn()
    {
        var email = $"founder-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);

        var response = await session.SubmitAsync("/Account/SignUp", "signup", Form("Acme Metalworks", email));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var owner = await host.DbAsync(db => db.Users.Include(u => u.Company).SingleAsync(u => u.Email == email));
        Assert.True(owner.IsOwner);
        Assert.True(owner.IsAdmin);
        Assert.Equal(Hesh.Core.Users.UserStatus.Active, owner.Status);
        Assert.Equal("Company owner", owner.RoleName);
        Assert.Equal("Acme Metalworks", owner.Company!.Name);
        Assert.True(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task SignUp_WithAnEmailInUse_IsRefusedAndCreatesNoCompany()
    {
        var company = await host.CreateCompanyAsync();
        var before = await host.DbAsync(db => db.Companies.CountAsync());
        using var session = new BrowserSession(host);

        var page = await (await session.SubmitAsync("/Account/SignUp", "signup", Form("Second Co", company.OwnerEmail))).Content.ReadAsStringAsync();

        Assert.Contains("already exists", page);
        Assert.Equal(before, await host.DbAsync(db => db.Companies.CountAsync()));
    }

    [Theory]
    [InlineData("Password1!")]
    [InlineData("Qwerty123!")]
    public async Task SignUp_WithACommonPassword_IsRefusedWithTheReason_AndCreatesNothing(string password)
    {
        var email = $"common-{Guid.NewGuid():N}@test.hesh";
        var company = $"Common Co {Guid.NewGuid():N}"[..18];
        using var session = new BrowserSession(host);

        var page = WebUtility.HtmlDecode(await (await session.SubmitAsync("/Account/SignUp", "signup", Form(company, email, password))).Content.ReadAsStringAsync());

        Assert.Contains("This password is one of the most common ones", page);
        Assert.False(await host.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.False(await host.DbAsync(db => db.Companies.AnyAsync(c => c.Name == company)));
        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task SignUp_WithA64CharacterPassphraseOfLowerCaseWords_Succeeds_ThoughItHasNoDigitCapitalOrSymbol()
    {
        var email = $"phrase-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);

        var response = await session.SubmitAsync("/Account/SignUp", "signup", Form("Passphrase Works", email, PasswordRulesTests.Passphrase));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
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

    [Fact]
    public async Task SignUp_WithScriptInName_IsRefusedAndNothingIsSaved()
    {
        var email = $"xss-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);

        var page = await (await session.SubmitAsync("/Account/SignUp", "signup", Form("Script Co", email, first: "<script>alert(1)</script>"))).Content.ReadAsStringAsync();

        Assert.Contains("may contain only letters", page);
        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.False(await host.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }
}
