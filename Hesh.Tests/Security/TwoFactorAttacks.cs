using System.Net;
using Hesh.Core.Common;
using Hesh.Core.Permissions;
using Hesh.Core.TwoFactor;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hesh.Tests.Security;

/// <summary>
/// Two-factor sign-in attacked: codes from another account, forged and huge codes, the set-up and confirmation pages
/// signed out or without a token, and the company policy and "Reset two-factor" by whoever may not — each refused,
/// with the company fingerprint unchanged (second factors, policy and all).
/// </summary>
public sealed class TwoFactorAttacks(AppHost host)
{
    private static bool Redirected(HttpResponseMessage response) => response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found;

    [Fact]
    public async Task A_code_of_another_account_does_not_complete_this_ones_sign_in()
    {
        var company = await host.CreateCompanyAsync();
        var other = await company.AddUserAsync("Otto");
        await host.EnableAuthenticatorAsync(company.OwnerId);
        var (otherKey, _) = await host.EnableAuthenticatorAsync(other.Id);
        using var session = new BrowserSession(host);
        var signIn = await session.SignInAsync(company.OwnerEmail, TestCompany.Password);
        var before = await DbFingerprint.TakeExceptSessionsAsync(host, company.Id);

        var page = await (await session.SubmitCodeAsync(signIn, Totp.Code(otherKey))).Content.ReadAsStringAsync();

        Assert.Contains("That code is not right", page);
        Assert.False(await session.IsSignedInAsync());
        // The one thing that moves: the failure counted towards the owner's lockout; the other account is untouched.
        var after = await DbFingerprint.TakeExceptSessionsAsync(host, company.Id);
        Assert.Equal(1, (await host.FindUserAsync(company.OwnerId))!.AccessFailedCount);
        Assert.Equal(before.Split('\n').Where(l => !l.Contains(company.OwnerId, StringComparison.Ordinal)),
            after.Split('\n').Where(l => !l.Contains(company.OwnerId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_recovery_code_of_another_account_is_refused()
    {
        var company = await host.CreateCompanyAsync();
        var other = await company.AddUserAsync("Olaf");
        await host.EnableAuthenticatorAsync(company.OwnerId);
        var (_, otherCodes) = await host.EnableAuthenticatorAsync(other.Id);
        using var session = new BrowserSession(host);
        await session.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var page = await (await session.SubmitRecoveryCodeAsync(otherCodes[0])).Content.ReadAsStringAsync();

        Assert.Contains("not right, or it was already used", page);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(10, await RecoveryCodesLeftAsync(other.Id));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("abcdef")]
    [InlineData("1234567890123456789012345678901234567890123456789012345678901234567890")]
    public async Task Malformed_and_huge_codes_are_refused_with_a_message_and_change_nothing(string code)
    {
        var company = await host.CreateCompanyAsync();
        await host.EnableAuthenticatorAsync(company.OwnerId);
        using var session = new BrowserSession(host);
        var signIn = await session.SignInAsync(company.OwnerEmail, TestCompany.Password);
        var before = await DbFingerprint.TakeExceptSessionsAsync(host, company.Id);

        var page = await (await session.SubmitCodeAsync(signIn, code)).Content.ReadAsStringAsync();

        Assert.Contains("The code is 6 digits.", page);
        Assert.Equal(before, await DbFingerprint.TakeExceptSessionsAsync(host, company.Id));
    }

    [Theory]
    [InlineData("/Account/TwoFactor/Authenticator")]
    [InlineData("/Account/TwoFactor/recovery-codes")]
    [InlineData("/Account/TwoFactor/reset-authenticator")]
    [InlineData("/Account/TwoFactor/turn-off")]
    [InlineData("/Account/TwoFactor/Required")]
    public async Task The_two_factor_pages_need_a_signed_in_user(string path)
    {
        using var session = new BrowserSession(host);

        var response = await session.GetAsync(path);

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Turning_the_authenticator_off_without_an_antiforgery_token_is_rejected()
    {
        var company = await host.CreateCompanyAsync();
        var (key, _) = await host.EnableAuthenticatorAsync(company.OwnerId);
        using var session = new BrowserSession(host);
        await session.SubmitCodeAsync(await session.SignInAsync(company.OwnerEmail, TestCompany.Password), Totp.Code(key));
        Assert.True(await session.IsSignedInAsync());
        var before = await DbFingerprint.TakeExceptSessionsAsync(host, company.Id);

        var response = await session.PostRawAsync("/Account/TwoFactor/turn-off",
            new Dictionary<string, string> { ["_handler"] = "confirm-two-factor-change", ["Input.Password"] = TestCompany.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await DbFingerprint.TakeExceptSessionsAsync(host, company.Id));
    }

    [Fact]
    public async Task Turning_the_authenticator_off_with_a_wrong_password_is_refused_and_counted()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Tess");
        var (key, _) = await host.EnableAuthenticatorAsync(user.Id);
        using var session = new BrowserSession(host);
        await session.SubmitCodeAsync(await session.SignInAsync(user.Email!, TestCompany.Password), Totp.Code(key));

        var page = await (await session.SubmitAsync("/Account/TwoFactor/turn-off", "confirm-two-factor-change",
            new Dictionary<string, string> { ["Input.Password"] = "Not-my-password-9" })).Content.ReadAsStringAsync();

        Assert.Contains("The password is not correct.", page);
        var after = await host.FindUserAsync(user.Id);
        Assert.True(after!.TwoFactorEnabled);
        Assert.Equal(1, after.AccessFailedCount);
    }

    [Fact]
    public async Task The_policy_cannot_be_changed_by_a_user_who_is_not_an_administrator_even_with_Company_profile()
    {
        var tenant = await Tenant.CreateAsync(host);
        await GrantAsync(tenant.Performer.Id, PermissionKey.CompanyProfile);
        var before = await DbFingerprint.TakeAsync(host, tenant.Company.Id);

        var result = await host.Call<SecurityPolicyService, Result>(s => s.SetAsync(tenant.Performer.Id, TwoFactorPolicy.RequiredForEveryone, 7));

        Assert.False(result.Succeeded);
        Assert.Contains("owner and administrators", result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, tenant.Company.Id));
        Assert.False((await host.Call<SecurityPolicyService, SecurityPolicyView?>(s => s.GetAsync(tenant.Performer.Id)))!.CanEdit);
    }

    [Fact]
    public async Task Another_companys_admin_changes_only_their_own_policy()
    {
        var victim = await Tenant.CreateAsync(host);
        var attacker = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, victim.Company.Id);

        Assert.True((await host.Call<SecurityPolicyService, Result>(s => s.SetAsync(attacker.OwnerId, TwoFactorPolicy.RequiredForEveryone, 0))).Succeeded);

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Company.Id));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(91)]
    public async Task A_grace_period_out_of_range_is_refused_with_a_message(int days)
    {
        var tenant = await Tenant.CreateAsync(host);
        var before = await DbFingerprint.TakeAsync(host, tenant.Company.Id);

        var result = await host.Call<SecurityPolicyService, Result>(s => s.SetAsync(tenant.Company.OwnerId, TwoFactorPolicy.RequiredForEveryone, days));

        Assert.Equal("The grace period is 0 to 90 days.", result.FieldErrors["GraceDays"]);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, tenant.Company.Id));
    }

    [Fact]
    public async Task Reset_two_factor_is_refused_to_a_non_administrator()
    {
        var tenant = await Tenant.CreateAsync(host);
        await GrantAsync(tenant.Performer.Id, PermissionKey.UsersPermissions);
        await host.EnableAuthenticatorAsync(tenant.Admin.Id);
        var before = await DbFingerprint.TakeAsync(host, tenant.Company.Id);

        var result = await host.Call<TwoFactorService, Result>(s => s.ResetForUserAsync(tenant.Performer.Id, tenant.Admin.Id, TestCompany.Password));

        Assert.False(result.Succeeded);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, tenant.Company.Id));
    }

    [Fact]
    public async Task An_admin_cannot_reset_the_owners_two_factor()
    {
        var tenant = await Tenant.CreateAsync(host);
        await host.EnableAuthenticatorAsync(tenant.Company.OwnerId);
        var before = await DbFingerprint.TakeAsync(host, tenant.Company.Id);

        var result = await host.Call<TwoFactorService, Result>(s => s.ResetForUserAsync(tenant.Admin.Id, tenant.Company.OwnerId, TestCompany.Password));

        Assert.Equal("Only the company owner can reset the owner's two-factor sign-in.", result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, tenant.Company.Id));
    }

    [Fact]
    public async Task Another_companys_admin_cannot_reset_two_factor_it_is_not_found()
    {
        var victim = await Tenant.CreateAsync(host);
        var attacker = await host.CreateCompanyAsync();
        await host.EnableAuthenticatorAsync(victim.Performer.Id);
        var before = await DbFingerprint.TakeAsync(host, victim.Company.Id);

        var result = await host.Call<TwoFactorService, Result>(s => s.ResetForUserAsync(attacker.OwnerId, victim.Performer.Id, TestCompany.Password));
        var status = await host.Call<TwoFactorService, Result<TwoFactorStatus>>(s => s.GetStatusAsync(attacker.OwnerId, victim.Performer.Id));

        Assert.True(result.IsNotFound);
        Assert.True(status.IsNotFound);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, victim.Company.Id));
    }

    [Fact]
    public async Task Reset_two_factor_with_a_wrong_admin_password_changes_only_the_admins_failure_count()
    {
        var tenant = await Tenant.CreateAsync(host);
        await host.EnableAuthenticatorAsync(tenant.Performer.Id);
        var codesBefore = await RecoveryCodesLeftAsync(tenant.Performer.Id);

        var result = await host.Call<TwoFactorService, Result>(s => s.ResetForUserAsync(tenant.Admin.Id, tenant.Performer.Id, "Wrong-password-77"));

        Assert.Equal("The password is not correct.", result.FieldErrors["Password"]);
        Assert.True((await host.FindUserAsync(tenant.Performer.Id))!.TwoFactorEnabled);
        Assert.Equal(codesBefore, await RecoveryCodesLeftAsync(tenant.Performer.Id));
        Assert.Equal(1, (await host.FindUserAsync(tenant.Admin.Id))!.AccessFailedCount);
    }

    [Fact]
    public async Task An_admins_reset_removes_every_second_factor_is_audited_and_emails_the_user()
    {
        var tenant = await Tenant.CreateAsync(host);
        var (key, codes) = await host.EnableAuthenticatorAsync(tenant.Performer.Id);

        var result = await host.Call<TwoFactorService, Result>(s => s.ResetForUserAsync(tenant.Admin.Id, tenant.Performer.Id, TestCompany.Password));

        Assert.True(result.Succeeded, result.Error);
        Assert.False((await host.FindUserAsync(tenant.Performer.Id))!.TwoFactorEnabled);
        Assert.Equal(0, await RecoveryCodesLeftAsync(tenant.Performer.Id));
        Assert.True(await host.DbAsync(db => db.AuditEntries.AnyAsync(e => e.SubjectId == tenant.Performer.Id && e.Action == Hesh.Core.Audit.AuditAction.TwoFactorReset && e.ActorId == tenant.Admin.Id)));
        using var session = new BrowserSession(host);
        var signIn = await session.SignInAsync(tenant.Performer.Email!, TestCompany.Password);
        Assert.DoesNotContain("LoginWith2fa", signIn.Headers.Location!.OriginalString);
        Assert.Contains(Directory.GetFiles(host.PickupDirectory, "*.eml").Select(File.ReadAllText),
            mail => mail.Contains(tenant.Performer.Email!, StringComparison.OrdinalIgnoreCase) && mail.Contains("two-factor sign-in was reset", StringComparison.Ordinal));
        _ = key; _ = codes;
    }

    private Task<int> RecoveryCodesLeftAsync(string userId) => host.WithScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<HeshUser>>();
        return await users.CountRecoveryCodesAsync((await users.FindByIdAsync(userId))!);
    });

    private Task GrantAsync(string userId, PermissionKey key) => host.WithScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<HeshUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        user.WebAccess = user.WebAccess.With(key, true);
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    });
}
