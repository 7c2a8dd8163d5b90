using System.Net;
using Hesh.Core.Audit;
using Hesh.Core.TwoFactor;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Hesh.Core.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.TwoFactor;

public static class TwoFactorTestExtensions
{
    /// <summary>Sets up the authenticator as the set-up page does: the key it shows, one code from it; returns the key and the recovery codes.</summary>
    public static Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAuthenticatorAsync(this AppHost host, string userId) =>
        host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            var twoFactor = s.GetRequiredService<TwoFactorService>();
            var user = (await users.FindByIdAsync(userId))!;
            var setup = await twoFactor.GetSetupAsync(user);
            // A code of the previous step: the replay guard would refuse the test's own later sign-in with the current one.
            var result = await twoFactor.EnableAuthenticatorAsync(user, Totp.Code(setup.SharedKey, stepOffset: -1));
            Assert.True(result.Succeeded, result.Error ?? string.Join(", ", result.FieldErrors.Values));
            return (setup.SharedKey, result.Value!);
        });

    public static async Task<HttpResponseMessage> SubmitCodeAsync(this BrowserSession session, HttpResponseMessage signIn, string code, bool rememberBrowser = false)
    {
        var location = signIn.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        var fields = new Dictionary<string, string> { ["Input.Code"] = code };
        if (rememberBrowser)
        {
            fields["Input.RememberBrowser"] = "true";
        }
        return await session.SubmitAsync(path.StartsWith('/') ? path : "/" + path, "login-with-2fa", fields);
    }

    public static Task<HttpResponseMessage> SubmitRecoveryCodeAsync(this BrowserSession session, string code) =>
        session.SubmitAsync("/Account/LoginWithRecoveryCode", "login-with-recovery-code", new Dictionary<string, string> { ["Input.Code"] = code });
}

public sealed class TwoFactorSignInTests(AppHost host)
{
    [Fact]
    public async Task WithAnAuthenticator_ThePasswordAloneDoesNotSignIn_TheCodeDoes()
    {
        var company = await host.CreateCompanyAsync();
        var (key, _) = await host.EnableAuthenticatorAsync(company.OwnerId);
        using var session = new BrowserSession(host);

        var afterPassword = await session.SignInAsync(company.OwnerEmail, TestCompany.Password);
        Assert.Contains("LoginWith2fa", afterPassword.Headers.Location!.OriginalString);
        Assert.False(await session.IsSignedInAsync());

        var afterCode = await session.SubmitCodeAsync(afterPassword, Totp.Code(key));
        Assert.Equal(HttpStatusCode.Redirect, afterCode.StatusCode);
        Assert.True(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task AWrongCode_IsRefusedWithAMessage_AndCountsTowardsTheLockout()
    {
        var company = await host.CreateCompanyAsync();
        var (key, _) = await host.EnableAuthenticatorAsync(company.OwnerId);
        using var session = new BrowserSession(host);
        var afterPassword = await session.SignInAsync(company.OwnerEmail, TestCompany.Password);
        var wrong = Totp.Code(key) == "123456" ? "654321" : "123456";

        var page = await (await session.SubmitCodeAsync(afterPassword, wrong)).Content.ReadAsStringAsync();

        Assert.Contains("That code is not right", page);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(1, (await host.FindUserAsync(company.OwnerId))!.AccessFailedCount);
    }

    [Fact]
    public async Task ACodeThatSignedInOnce_IsRefusedTheSecondTime()
    {
        var company = await host.CreateCompanyAsync();
        var (key, _) = await host.EnableAuthenticatorAsync(company.OwnerId);
        var code = Totp.Code(key);
        using (var first = new BrowserSession(host))
        {
            await first.SubmitCodeAsync(await first.SignInAsync(company.OwnerEmail, TestCompany.Password), code);
            Assert.True(await first.IsSignedInAsync());
        }
        using var replay = new BrowserSession(host);

        var page = await (await replay.SubmitCodeAsync(await replay.SignInAsync(company.OwnerEmail, TestCompany.Password), code)).Content.ReadAsStringAsync();

        Assert.Contains("That code is not right", page);
        Assert.False(await replay.IsSignedInAsync());
    }

    [Fact]
    public async Task AnExpiredCode_IsRefused()
    {
        var company = await host.CreateCompanyAsync();
        var (key, _) = await host.EnableAuthenticatorAsync(company.OwnerId);
        using var session = new BrowserSession(host);

        var page = await (await session.SubmitCodeAsync(await session.SignInAsync(company.OwnerEmail, TestCompany.Password),
            Totp.Code(key, DateTimeOffset.UtcNow.AddMinutes(-10)))).Content.ReadAsStringAsync();

        Assert.Contains("That code is not right", page);
        Assert.False(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task ARecoveryCode_SignsInOnce_AndIsDeadAfterwards()
    {
        var company = await host.CreateCompanyAsync();
        var (_, codes) = await host.EnableAuthenticatorAsync(company.OwnerId);
        Assert.Equal(10, codes.Count);
        using (var first = new BrowserSession(host))
        {
            await first.SignInAsync(company.OwnerEmail, TestCompany.Password);
            Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitRecoveryCodeAsync(codes[0])).StatusCode);
            Assert.True(await first.IsSignedInAsync());
        }
        using var again = new BrowserSession(host);
        await again.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var page = await (await again.SubmitRecoveryCodeAsync(codes[0])).Content.ReadAsStringAsync();

        Assert.Contains("not right, or it was already used", page);
        Assert.False(await again.IsSignedInAsync());
        Assert.Equal(9, await host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            return await users.CountRecoveryCodesAsync((await users.FindByIdAsync(company.OwnerId))!);
        }));
    }

    [Fact]
    public async Task TheCodePage_WithoutARightPassword_SendsBackToSignIn()
    {
        using var session = new BrowserSession(host);

        var response = await session.GetAsync("/Account/LoginWith2fa");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Account/Login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RememberThisBrowser_SkipsTheCodeNextTime()
    {
        var company = await host.CreateCompanyAsync();
        var (key, _) = await host.EnableAuthenticatorAsync(company.OwnerId);
        using var session = new BrowserSession(host);
        await session.SubmitCodeAsync(await session.SignInAsync(company.OwnerEmail, TestCompany.Password), Totp.Code(key), rememberBrowser: true);
        var remembered = session.Cookies.GetAllCookies().Single(c => c.Name == "Hesh.TwoFactorBrowser");
        Assert.True(remembered.Expires > DateTime.Now.AddDays(29));
        await session.SignOutAsync();

        var again = await session.SignInAsync(company.OwnerEmail, TestCompany.Password);

        Assert.DoesNotContain("LoginWith2fa", again.Headers.Location!.OriginalString);
        Assert.True(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task SettingUpOnThePage_KeepsThisBrowserSignedIn_AndShowsTenRecoveryCodesOnce()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var page = await session.GetPageAsync("/Account/TwoFactor/Authenticator");
        var key = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"authenticator-key\">([^<]+)<").Groups[1].Value;

        var verified = await session.SubmitAsync("/Account/TwoFactor/Authenticator", "enable-authenticator",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, stepOffset: -1) });
        var codes = await session.GetPageAsync(verified.Headers.Location!.OriginalString);

        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(codes, "recovery-code-item").Count);
        Assert.True(await session.IsSignedInAsync());
        Assert.DoesNotContain("recovery-code-item", await session.GetPageAsync("/Account/TwoFactor/Codes"));
    }

    [Fact]
    public async Task SettingUpTheAuthenticator_IsAudited_AndSignsOutOtherSessions()
    {
        var company = await host.CreateCompanyAsync();
        using var other = await host.SignedInAsync(company.OwnerEmail);

        await host.EnableAuthenticatorAsync(company.OwnerId);

        Assert.False(await other.IsSignedInAsync());
        Assert.True(await host.DbAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectId == company.OwnerId && e.Action == AuditAction.TwoFactorEnabled)));
    }

    [Fact]
    public async Task UnderARequiredPolicy_AnAdminWithoutASecondFactor_IsSentToSetUpAtSignIn_WithTheDaysLeft()
    {
        var company = await host.CreateCompanyAsync();
        Assert.True((await host.Call<SecurityPolicyService, Result>(s => s.SetAsync(company.OwnerId, TwoFactorPolicy.RequiredForAdministrators, 7))).Succeeded);
        using var session = new BrowserSession(host);

        var response = await session.SignInAsync(company.OwnerEmail, TestCompany.Password);
        var page = await session.GetPageAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("TwoFactor/Required", response.Headers.Location!.OriginalString);
        Assert.Contains("7 days left", page);
        Assert.True(await session.IsSignedInAsync());
    }

    [Fact]
    public async Task TurningThePolicyOn_EmailsThoseItNewlyCovers_NotThoseWithASecondFactor_NorWhoeverTurnedItOn()
    {
        var company = await host.CreateCompanyAsync();
        var admin = await company.AddUserAsync("Ada", admin: true);
        var secured = await company.AddUserAsync("Sol", admin: true);
        var worker = await company.AddUserAsync("Wim");
        await host.EnableAuthenticatorAsync(secured.Id);

        Assert.True((await host.Call<SecurityPolicyService, Result>(s => s.SetAsync(company.OwnerId, TwoFactorPolicy.RequiredForAdministrators, 7))).Succeeded);

        var mail = await Mailbox.WaitForAsync(host.PickupDirectory, admin.Email!, m => m.Subject?.Contains("now requires two-factor sign-in", StringComparison.Ordinal) == true);
        Assert.Contains("within 7 days", mail.TextBody);
        Assert.Equal(0, Mailbox.CountFor(host, secured.Email!));
        Assert.Equal(0, Mailbox.CountFor(host, worker.Email!));
        Assert.Equal(0, Mailbox.CountFor(host, company.OwnerEmail));
        Assert.True(await host.DbAsync(db => db.AuditEntries.AnyAsync(e => e.CompanyId == company.Id && e.Action == AuditAction.TwoFactorPolicyChanged)));

        // Widening it reaches the people it now covers too.
        Assert.True((await host.Call<SecurityPolicyService, Result>(s => s.SetAsync(company.OwnerId, TwoFactorPolicy.RequiredForEveryone, 7))).Succeeded);
        await Mailbox.WaitForAsync(host.PickupDirectory, worker.Email!, m => m.Subject?.Contains("now requires two-factor sign-in", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AfterTheGracePeriod_EveryPageLeadsToTheSetUp_UntilASecondFactorIsThere()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Gus");
        Assert.True((await host.Call<SecurityPolicyService, Result>(s => s.SetAsync(company.OwnerId, TwoFactorPolicy.RequiredForEveryone, 7))).Succeeded);
        await host.DbAsync(db => db.Companies.Where(c => c.Id == company.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.TwoFactorRequiredSince, DateTime.UtcNow.AddDays(-8))));
        using var session = new BrowserSession(host);
        var signIn = await session.SignInAsync(user.Email!, TestCompany.Password);
        Assert.Contains("TwoFactor/Required", signIn.Headers.Location!.OriginalString);

        var home = await session.GetAsync("/my-tasks");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/Account/TwoFactor/Required", home.Headers.Location!.OriginalString);
        Assert.Contains("the time to set it up has ended", await session.GetPageAsync("/Account/TwoFactor/Required"));

        await host.EnableAuthenticatorAsync(user.Id);
        using var after = new BrowserSession(host);
        var second = await after.SignInAsync(user.Email!, TestCompany.Password);
        Assert.Contains("LoginWith2fa", second.Headers.Location!.OriginalString);
    }
}
