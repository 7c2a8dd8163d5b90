using System.Net;
using Hesh.Core.SignIns;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.SignIns;

/// <summary>Every sign-in attempt of a known account is filed with when, how, from which address and on which device (PRODUCT §6).</summary>
public sealed class SignInRecordingTests(AppHost host)
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private Task<List<SignInAttempt>> AttemptsOfAsync(string userId) =>
        host.DbAsync(db => db.SignInAttempts.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task A_wrong_password_is_filed_with_the_address_and_the_device()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host).From("203.0.113.41").WithUserAgent(Firefox);

        await session.SignInAsync(company.OwnerEmail, "Wrong-pass-1");

        var attempt = Assert.Single(await AttemptsOfAsync(company.OwnerId));
        Assert.Equal((SignInOutcome.WrongPassword, SignInMethod.Password, "203.0.113.41", "Firefox on Linux"),
            (attempt.Outcome, attempt.Method, attempt.IpAddress, attempt.Device));
        Assert.Equal(company.Id, attempt.CompanyId);
        Assert.True(attempt.At > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task A_pending_account_is_filed_as_not_activated()
    {
        var company = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Pat", UserStatus.Pending);
        using var session = new BrowserSession(host).From("203.0.113.42");

        await session.SignInAsync(pending.Email!, "Whatever-1");

        Assert.Equal(SignInOutcome.NotActivated, Assert.Single(await AttemptsOfAsync(pending.Id)).Outcome);
    }

    [Fact]
    public async Task An_inactive_account_is_filed_as_inactive_only_with_the_right_password_and_a_wrong_one_as_a_wrong_password()
    {
        var company = await host.CreateCompanyAsync();
        var inactive = await company.AddUserAsync("Ivy", UserStatus.Inactive);
        using var session = new BrowserSession(host).From("203.0.113.43");

        await session.SignInAsync(inactive.Email!, "Wrong-pass-1");
        await session.SignInAsync(inactive.Email!, TestCompany.Password);

        Assert.Equal([SignInOutcome.WrongPassword, SignInOutcome.Inactive], (await AttemptsOfAsync(inactive.Id)).Select(a => a.Outcome));
    }

    [Fact]
    public async Task A_locked_account_is_filed_as_locked_out()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Lou");
        await host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<HeshUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddMinutes(10));
        });
        using var session = new BrowserSession(host).From("203.0.113.44");

        var response = await session.SignInAsync(user.Email!, TestCompany.Password);

        Assert.Contains("/Account/Lockout", response.Headers.Location!.OriginalString);
        Assert.Equal(SignInOutcome.LockedOut, Assert.Single(await AttemptsOfAsync(user.Id)).Outcome);
    }

    [Fact]
    public async Task An_attempt_refused_by_the_address_throttle_is_filed_as_throttled_and_locks_nothing()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Tom");
        using var session = new BrowserSession(host).From("203.0.113.45");
        for (var i = 0; i < AccountPolicy.FailuresPerAddress; i++)
        {
            await session.SignInAsync(user.Email!, $"Guess-{i}-pass");
        }

        await session.SignInAsync(user.Email!, TestCompany.Password);

        var attempts = await AttemptsOfAsync(user.Id);
        Assert.Equal([.. Enumerable.Repeat(SignInOutcome.WrongPassword, AccountPolicy.FailuresPerAddress), SignInOutcome.Throttled], attempts.Select(a => a.Outcome));
        Assert.Null((await host.FindUserAsync(user.Id))!.LockoutEnd);
    }

    [Fact]
    public async Task A_success_is_filed_sets_the_last_sign_in_and_gives_the_browser_a_long_lived_http_only_id()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host).From("203.0.113.46").WithUserAgent(Firefox);

        var response = await session.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var attempt = Assert.Single(await AttemptsOfAsync(company.OwnerId));
        Assert.Equal((SignInOutcome.Succeeded, SignInMethod.Password, "203.0.113.46", "Firefox on Linux"), (attempt.Outcome, attempt.Method, attempt.IpAddress, attempt.Device));
        Assert.Equal(attempt.At, (await host.FindUserAsync(company.OwnerId))!.LastSignInAt);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("Hesh.Browser=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"max-age={(int)TimeSpan.FromDays(400).TotalSeconds}", cookie, StringComparison.OrdinalIgnoreCase);
        var id = cookie["Hesh.Browser=".Length..cookie.IndexOf(';')];
        Assert.Equal(SignInClient.HashBrowserId(id), attempt.BrowserId);
        Assert.DoesNotContain(id, attempt.BrowserId);
    }

    [Fact]
    public async Task An_unknown_email_files_nothing()
    {
        using var session = new BrowserSession(host).From("203.0.113.47");

        await session.SignInAsync($"nobody-{Guid.NewGuid():N}@test.hesh", "Wrong-pass-1");

        Assert.Equal(0, await host.DbAsync(db => db.SignInAttempts.CountAsync(a => a.IpAddress == "203.0.113.47")));
    }

    [Fact]
    public async Task Accepting_an_invitation_is_filed_as_the_accounts_first_sign_in()
    {
        var company = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Una", UserStatus.Pending);
        var token = await host.IssueInvitationAsync(pending.Id);
        using var invited = new BrowserSession(host).From("203.0.113.48");

        await invited.SubmitAsync(SecurityTestExtensions.InvitationPath(pending.Id, token), "invitation", SecurityTestExtensions.NewPassword("Fresh-pass-12"));

        Assert.True(await invited.IsSignedInAsync());
        var attempt = Assert.Single(await AttemptsOfAsync(pending.Id));
        Assert.Equal((SignInOutcome.Succeeded, "203.0.113.48"), (attempt.Outcome, attempt.IpAddress));
        Assert.NotNull((await host.FindUserAsync(pending.Id))!.LastSignInAt);
    }

    [Fact]
    public async Task Re_issuing_the_cookie_after_ones_own_password_change_is_no_new_sign_in()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rex");
        using var session = new BrowserSession(host).From("203.0.113.49");
        await session.SignInAsync(user.Email!, TestCompany.Password);

        var response = await session.SubmitAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestCompany.Password, ["Input.Password"] = "Brand-new-pass-1", ["Input.ConfirmPassword"] = "Brand-new-pass-1",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([SignInOutcome.Succeeded], (await AttemptsOfAsync(user.Id)).Select(a => a.Outcome));
    }
}
