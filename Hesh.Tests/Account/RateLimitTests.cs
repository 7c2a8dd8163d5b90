using System.Net;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Account;

/// <summary>A host of its own with low limits, so the shared host's many sign-ins are not counted here.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly AppHost _host = new(new Dictionary<string, string>
    {
        ["Hesh:RateLimits:SignIn"] = "3",
        ["Hesh:RateLimits:Recovery"] = "2",
        ["Hesh:RateLimits:Invitation"] = "2",
    });

    public ValueTask InitializeAsync() => _host.InitializeAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task SignIn_PastTheLimit_IsRefusedWith429_AndTheAttemptIsNotEvenCounted()
    {
        var company = await _host.CreateCompanyAsync();
        using var attacker = new BrowserSession(_host).From("203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await attacker.SignInAsync(company.OwnerEmail, $"Guess-{i}-x")).StatusCode);
        }

        var refused = await attacker.SignInAsync(company.OwnerEmail, TestCompany.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync());
        Assert.False(await attacker.IsSignedInAsync());
        // Three wrong passwords were filed; the refused fourth never reached the password check (nor the history).
        Assert.Equal(3, await _host.DbAsync(db => db.SignInAttempts.CountAsync(a => a.UserId == company.OwnerId)));
    }

    [Fact]
    public async Task SignIn_LimitIsPerClient_AnotherAddressStillSignsIn()
    {
        var company = await _host.CreateCompanyAsync();
        using var attacker = new BrowserSession(_host).From("198.51.100.1");
        for (var i = 0; i < 4; i++)
        {
            await attacker.SignInAsync(company.OwnerEmail, $"Guess-{i}-x");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.SignInAsync(company.OwnerEmail, "Guess-5-x")).StatusCode);

        using var owner = new BrowserSession(_host).From("198.51.100.2");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(company.OwnerEmail, TestCompany.Password)).StatusCode);
        Assert.True(await owner.IsSignedInAsync());
    }

    [Fact]
    public async Task PasswordRecovery_PastTheLimit_SendsNoMoreMail()
    {
        var company = await _host.CreateCompanyAsync();
        using var flooder = new BrowserSession(_host).From("203.0.113.9");
        var form = new Dictionary<string, string> { ["Input.Email"] = company.OwnerEmail };
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await flooder.SubmitAsync("/Account/ForgotPassword", "forgot-password", form)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await flooder.SubmitAsync("/Account/ForgotPassword", "forgot-password", form)).StatusCode);
        var mails = Mailbox.CountFor(_host, company.OwnerEmail);

        var refused = await flooder.SubmitAsync("/Account/ForgotPassword", "forgot-password", form);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(mails, Mailbox.CountFor(_host, company.OwnerEmail));
    }

    [Fact]
    public async Task InvitationAcceptance_PastTheLimit_IsRefused()
    {
        using var guesser = new BrowserSession(_host).From("203.0.113.11");
        var fields = new Dictionary<string, string> { ["token"] = "guess", ["userId"] = "guess" };
        for (var i = 0; i < 2; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await guesser.PostRawAsync("/Account/Invitation", fields)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.PostRawAsync("/Account/Invitation", fields)).StatusCode);
    }

    [Fact]
    public async Task PageLoads_AreNeverRateLimited()
    {
        using var visitor = new BrowserSession(_host).From("203.0.113.12");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/Account/Login")).StatusCode);
        }
    }
}
