using System.Net;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;

namespace Hesh.Tests.Account;

public sealed class SignInTests(AppHost host)
{
    [Fact]
    public async Task ActiveUser_SignsInAndIsRedirected()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);

        var response = await session.SignInAsync(company.OwnerEmail, TestCompany.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task PendingUser_IsRefusedWithActivationMessage()
    {
        var company = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Pat", UserStatus.Pending);
        using var session = new BrowserSession(host);

        var page = await (await session.SignInAsync(pending.Email!, "Whatever-1")).Content.ReadAsStringAsync();

        Assert.Contains("not activated yet", page);
        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task InactiveUser_WithRightPassword_IsToldTheAccountIsInactive()
    {
        var company = await host.CreateCompanyAsync();
        var inactive = await company.AddUserAsync("Ivy", UserStatus.Inactive);
        using var session = new BrowserSession(host);

        var page = await (await session.SignInAsync(inactive.Email!, TestCompany.Password)).Content.ReadAsStringAsync();

        Assert.Contains("Your account is inactive", page);
        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task InactiveUser_WithWrongPassword_GetsTheGenericMessage()
    {
        var company = await host.CreateCompanyAsync();
        var inactive = await company.AddUserAsync("Ivo", UserStatus.Inactive);
        using var session = new BrowserSession(host);

        var page = await (await session.SignInAsync(inactive.Email!, "Wrong-pass-1")).Content.ReadAsStringAsync();

        Assert.Contains("The email or password is not correct.", page);
        Assert.DoesNotContain("inactive", page);
    }

    [Fact]
    public async Task WrongPassword_IsRefusedWithoutSayingWhichPartWasWrong()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);

        var page = await (await session.SignInAsync(company.OwnerEmail, "Wrong-pass-1")).Content.ReadAsStringAsync();
        var unknown = await (await session.SignInAsync($"nobody-{company.Tag}@test.hesh", "Wrong-pass-1")).Content.ReadAsStringAsync();

        Assert.Contains("The email or password is not correct.", page);
        Assert.Contains("The email or password is not correct.", unknown);
    }

    [Fact]
    public async Task FiveFailedAttempts_FromOneAddress_RefuseThatAddress_EvenForTheRightPassword()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host).From("203.0.113.21");
        for (var i = 0; i < AccountPolicy.FailuresPerAddress; i++)
        {
            await session.SignInAsync(company.OwnerEmail, "Wrong-pass-1");
        }

        var page = await (await session.SignInAsync(company.OwnerEmail, TestCompany.Password)).Content.ReadAsStringAsync();

        Assert.Contains("Too many attempts from this address. Try again in 15 minutes.", page);
        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task FiveFailedAttempts_FromOneAddress_DoNotStopTheOwnerFromAnotherAddress()
    {
        var company = await host.CreateCompanyAsync();
        using var attacker = new BrowserSession(host).From("203.0.113.22");
        for (var i = 0; i < AccountPolicy.FailuresPerAddress + 3; i++)
        {
            await attacker.SignInAsync(company.OwnerEmail, "Wrong-pass-1");
        }
        using var owner = new BrowserSession(host).From("198.51.100.22");

        var response = await owner.SignInAsync(company.OwnerEmail, TestCompany.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await owner.IsSignedInAsync());
    }

    [Fact]
    public async Task ReturnUrlToAnotherSite_IsNotFollowed()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);

        var response = await session.SubmitAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F", "login",
            new Dictionary<string, string> { ["Input.Email"] = company.OwnerEmail, ["Input.Password"] = TestCompany.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("evil.example", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AnonymousVisitor_IsSentToSignIn()
    {
        using var session = new BrowserSession(host);

        var response = await session.GetAsync("/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);
        await session.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var response = await session.PostRawAsync("/Account/Logout", new Dictionary<string, string> { ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task SignInForm_WithoutAntiforgeryToken_IsRefused()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);

        var response = await session.PostRawAsync("/Account/Login", new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = company.OwnerEmail, ["Input.Password"] = TestCompany.Password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task AnUnknownEmail_IsThrottledAfterAsManyGuessesAsAKnownOne_SoTheMessageTellsNothing()
    {
        var company = await host.CreateCompanyAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var atKnown = new BrowserSession(host).From($"198.51.100.{Random.Shared.Next(1, 250)}");
        using var atUnknown = new BrowserSession(host).From($"203.0.113.{Random.Shared.Next(1, 250)}");
        string known = "", unknown = "";
        for (var i = 0; i < 6; i++)
        {
            known = await (await atKnown.SignInAsync(company.OwnerEmail, "Wrong-pass-1")).Content.ReadAsStringAsync();
            unknown = await (await atUnknown.SignInAsync($"nobody-{tag}@test.hesh", "Wrong-pass-1")).Content.ReadAsStringAsync();
        }

        Assert.Contains("Too many attempts from this address.", known);
        Assert.Contains("Too many attempts from this address.", unknown);
    }
}
