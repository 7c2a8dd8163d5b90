using System.Net;
using System.Text;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// The account pages attacked as a browser would (static forms posted with their antiforgery token): who may sign
/// in, lockout, invitation and reset links replayed, expired, swapped or guessed, redirects after sign-in, and the
/// session cookie (ASVS V3): its flags, and that it stops working the moment the password changes or the user is
/// inactivated.
/// </summary>
public sealed class AccountAttacks(AppHost host)
{
    private static bool Redirected(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;

    // ---- Sign-in ----

    [Fact]
    public async Task Pending_user_cannot_sign_in()
    {
        var company = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Pat", UserStatus.Pending);
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await (await session.SignInAsync(pending.Email!, TestCompany.Password)).Content.ReadAsStringAsync();

        Assert.Contains("not activated yet", page);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Inactive_user_cannot_sign_in_even_with_the_right_password()
    {
        var company = await host.CreateCompanyAsync();
        var inactive = await company.AddUserAsync("Ivy", UserStatus.Inactive);
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await (await session.SignInAsync(inactive.Email!, TestCompany.Password)).Content.ReadAsStringAsync();

        Assert.Contains("Your account is inactive", page);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Five_failed_sign_ins_from_one_address_refuse_it_without_checking_the_password_and_leave_the_account_open()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Lock");
        using var attacker = new BrowserSession(host).From("203.0.113.66");
        for (var i = 0; i < AccountPolicy.FailuresPerAddress; i++)
        {
            await attacker.SignInAsync(user.Email!, $"Guess-{i}-pass");
        }
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        // Even the right password is refused from there: the throttle does not look at it, so it cannot confirm a guess.
        var page = await (await attacker.SignInAsync(user.Email!, TestCompany.Password)).Content.ReadAsStringAsync();

        Assert.Contains("Too many attempts from this address", page);
        Assert.False(await attacker.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
        Assert.Null((await host.FindUserAsync(user.Id))!.LockoutEnd);
        using var owner = new BrowserSession(host).From("198.51.100.66");
        await owner.SignInAsync(user.Email!, TestCompany.Password);
        Assert.True(await owner.IsSignedInAsync(), "The attacker's address locked the owner out everywhere.");
    }

    [Fact]
    public async Task Guessing_spread_over_many_addresses_locks_the_account_and_the_right_password_is_refused_while_locked()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Lock");
        var addresses = AccountPolicy.LockoutThreshold / AccountPolicy.FailuresPerAddress;
        for (var a = 0; a < addresses; a++)
        {
            using var bot = new BrowserSession(host).From($"192.0.2.{a + 1}");
            for (var i = 0; i < AccountPolicy.FailuresPerAddress; i++)
            {
                await bot.SignInAsync(user.Email!, $"Guess-{a}-{i}-pass");
            }
        }
        Assert.True((await host.FindUserAsync(user.Id))!.LockoutEnd > DateTimeOffset.UtcNow, $"{AccountPolicy.LockoutThreshold} failures did not lock the account.");
        using var owner = new BrowserSession(host).From("198.51.100.67");
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await owner.SignInAsync(user.Email!, TestCompany.Password);

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Lockout", response.Headers.Location!.OriginalString);
        Assert.False(await owner.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    // ---- Invitation links ----

    [Fact]
    public async Task Used_invitation_link_cannot_set_a_password_again()
    {
        var company = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Una", UserStatus.Pending);
        var path = InvitationPath(pending.Id, await host.IssueInvitationAsync(pending.Id));
        using var invited = new BrowserSession(host);
        using var attacker = new BrowserSession(host);
        var form = await attacker.ReadFormAsync(path, "invitation");
        Assert.True(Redirected(await invited.SubmitAsync(path, "invitation", NewPassword("Own-choice-pass-1"))));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await attacker.PostRawAsync(path, new Dictionary<string, string>(form.Concat(NewPassword("Hijack-pass-1"))));

        Assert.False(Redirected(response));
        Assert.False(await attacker.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Expired_invitation_link_is_refused()
    {
        var company = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Eve", UserStatus.Pending);
        var path = InvitationPath(pending.Id, await host.IssueInvitationAsync(pending.Id));
        using var session = new BrowserSession(host);
        var form = await session.ReadFormAsync(path, "invitation");
        // A day goes by: the link was sent 24 hours and a minute ago.
        await host.DbAsync(db => db.Users.Where(u => u.Id == pending.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.InvitationExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var shown = await (await session.GetAsync(path)).Content.ReadAsStringAsync();
        var response = await session.PostRawAsync(path, new Dictionary<string, string>(form.Concat(NewPassword("Late-pass-1"))));

        Assert.Contains("This invitation has expired.", shown);
        Assert.False(Redirected(response));
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Invitation_token_of_one_user_does_not_activate_another()
    {
        var company = await host.CreateCompanyAsync();
        var mine = await company.AddUserAsync("Mina", UserStatus.Pending);
        var victim = await company.AddUserAsync("Vera", UserStatus.Pending);
        var token = await host.IssueInvitationAsync(mine.Id);
        await host.IssueInvitationAsync(victim.Id);
        using var attacker = new BrowserSession(host);
        var form = await attacker.ReadFormAsync(InvitationPath(mine.Id, token), "invitation");
        var swapped = InvitationPath(victim.Id, token);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var shown = await (await attacker.GetAsync(swapped)).Content.ReadAsStringAsync();
        var response = await attacker.PostRawAsync(swapped, new Dictionary<string, string>(form.Concat(NewPassword("Swapped-pass-1"))));

        Assert.Contains("This invitation link is not valid.", shown);
        Assert.False(Redirected(response));
        Assert.False(await attacker.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Invitation_link_of_an_inactivated_user_cannot_activate_them()
    {
        var company = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Ida", UserStatus.Pending);
        var path = InvitationPath(pending.Id, await host.IssueInvitationAsync(pending.Id));
        using var session = new BrowserSession(host);
        var form = await session.ReadFormAsync(path, "invitation");
        Assert.True((await host.Call<UserAdministration, Hesh.Core.Common.Result>(s => s.ApplyStatusActionAsync(company.OwnerId, pending.Id, StatusAction.Inactivate))).Succeeded);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await session.PostRawAsync(path, new Dictionary<string, string>(form.Concat(NewPassword("Too-late-pass-1"))));

        Assert.False(Redirected(response));
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Guessed_invitation_token_in_the_query_string_is_refused()
    {
        var company = await host.CreateCompanyAsync();
        var pending = await company.AddUserAsync("Gus", UserStatus.Pending);
        await host.IssueInvitationAsync(pending.Id);
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var shown = await (await session.GetAsync(InvitationPath(pending.Id, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))).Content.ReadAsStringAsync();

        Assert.Contains("This invitation link is not valid.", shown);
        Assert.DoesNotContain("name=\"Input.Password\"", shown);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    // ---- Sign-up: which emails have accounts, and its links ----

    private static Dictionary<string, string> SignUpForm(string company, string email) => new()
    {
        ["Input.CompanyName"] = company, ["Input.FirstName"] = "Sam", ["Input.LastName"] = "Founder",
        ["Input.Email"] = email, ["Input.Password"] = "Strong-pass-1", ["Input.ConfirmPassword"] = "Strong-pass-1",
    };

    [Fact]
    public async Task Sign_up_with_a_taken_email_answers_as_a_free_one_does_and_changes_nothing()
    {
        var company = await host.CreateCompanyAsync();
        var name = $"Probe {company.Tag}";
        using var attacker = new BrowserSession(host);
        using var control = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, [company.Id], [company.OwnerEmail], [name]);

        var taken = await attacker.SubmitAsync("/Account/SignUp", "signup", SignUpForm(name, company.OwnerEmail));
        var free = await control.SubmitAsync("/Account/SignUp", "signup", SignUpForm($"Control {company.Tag}", $"free-{company.Tag}@test.hesh"));

        Assert.Equal(free.StatusCode, taken.StatusCode);
        Assert.Equal(free.Headers.Location, taken.Headers.Location);
        Assert.DoesNotContain("already exists", await attacker.GetPageAsync(taken.Headers.Location!.OriginalString));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, [company.Id], [company.OwnerEmail], [name]));
    }

    private async Task<string> SignUpLinkAsync(string email, string name)
    {
        using var session = new BrowserSession(host);
        await session.SubmitAsync("/Account/SignUp", "signup", SignUpForm(name, email));
        var mail = await Mailbox.WaitForAsync(host.PickupDirectory, email);
        return new Uri(Mailbox.LinkIn(mail, "/Account/SignUp/Confirm")).PathAndQuery;
    }

    public static TheoryData<string> ForgedSignUpLinks => ["altered", "expired", "sealed with other keys", "empty"];

    [Theory]
    [MemberData(nameof(ForgedSignUpLinks))]
    public async Task A_forged_altered_or_expired_sign_up_link_creates_nothing(string kind)
    {
        var email = $"forged-link-{Guid.NewGuid():N}@test.hesh";
        var name = $"Forged link {Guid.NewGuid().ToString("N")[..6]}";
        var draft = new Hesh.Core.Companies.SignUpDraft(name, "Sam", "Founder", email,
            new PasswordHasher<HeshUser>().HashPassword(new HeshUser(), "Strong-pass-1"));
        var token = kind switch
        {
            "altered" => Altered(Token(await SignUpLinkAsync(email, name))),
            "expired" => Protector(host.Services.GetRequiredService<IDataProtectionProvider>())
                .Protect(System.Text.Json.JsonSerializer.Serialize(draft), DateTimeOffset.UtcNow.AddMinutes(-1)),
            "sealed with other keys" => Protector(new EphemeralDataProtectionProvider())
                .Protect(System.Text.Json.JsonSerializer.Serialize(draft), TimeSpan.FromHours(1)),
            _ => "",
        };
        var path = $"/Account/SignUp/Confirm?token={Uri.EscapeDataString(token)}";
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, [], [email], [name]);

        var page = await session.GetPageAsync(path);
        // The page offers no button for such a link; the attacker posts its form anyway, with a valid antiforgery token.
        var fields = await session.ReadFormAsync("/Account/Login", "login");
        fields["_handler"] = "signup-confirm";
        var posted = await session.PostRawAsync(path, fields);

        Assert.Contains("This link is not valid or has expired", page);
        Assert.DoesNotContain("Create company</button>", page);
        Assert.False(await session.IsSignedInAsync());
        Assert.NotEqual(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, [], [email], [name]));
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider provider) =>
        provider.CreateProtector(Hesh.Web.Infrastructure.SignUpSeal.Purpose).ToTimeLimitedDataProtector();

    private static string Token(string path) => Uri.UnescapeDataString(path[(path.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..]);

    private static string Altered(string token) => token[..^6] + (token[^6] == 'A' ? 'B' : 'A') + token[^5..];

    // ---- Password reset links ----

    private async Task<HttpResponseMessage> ResetAsync(BrowserSession session, string email, string code, string password) =>
        await session.SubmitAsync(ResetPath(email, code), "reset-password", NewPassword(password));

    private static async Task AssertResetRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This reset link is not valid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Used_reset_link_cannot_set_a_password_again()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rolf");
        var code = await host.ResetCodeAsync(user.Id);
        using var session = new BrowserSession(host);
        Assert.True(Redirected(await ResetAsync(session, user.Email!, code, "First-new-3")));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertResetRefusedAsync(await ResetAsync(session, user.Email!, code, "Second-new-4"));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Reset_code_of_one_user_does_not_reset_another_users_password()
    {
        var company = await host.CreateCompanyAsync();
        var attacker = await company.AddUserAsync("Mallory");
        var victim = await company.AddUserAsync("Victor");
        var code = await host.ResetCodeAsync(attacker.Id);
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertResetRefusedAsync(await ResetAsync(session, victim.Email!, code, "Taken-over-1"));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Expired_reset_link_is_refused()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Olaf");
        var lifespan = host.Services.GetRequiredService<IOptions<DataProtectionTokenProviderOptions>>().Value.TokenLifespan;
        // The token Identity would have mailed that long ago: same format, same keys, an older creation time.
        var fresh = await ResetTokenCreatedAtAsync(user.Id, DateTimeOffset.UtcNow);
        var expired = await ResetTokenCreatedAtAsync(user.Id, DateTimeOffset.UtcNow - lifespan - TimeSpan.FromMinutes(1));
        Assert.True(await VerifyResetTokenAsync(user.Id, fresh), "The forged token format does not match Identity's: the expiry case would prove nothing.");
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertResetRefusedAsync(await ResetAsync(session, user.Email!, expired, "Too-late-1"));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Reset_link_issued_before_a_password_change_is_dead()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rhea");
        var code = await host.ResetCodeAsync(user.Id);
        using var own = await host.SignedInAsync(user.Email!);
        Assert.True(Redirected(await own.SubmitAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestCompany.Password, ["Input.Password"] = "Fresh-start-pass-1", ["Input.ConfirmPassword"] = "Fresh-start-pass-1",
        })));
        using var attacker = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertResetRefusedAsync(await ResetAsync(attacker, user.Email!, code, "Old-link-pass-1"));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Reset_link_cannot_reactivate_an_inactive_user()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Ingo", UserStatus.Inactive);
        var code = await host.ResetCodeAsync(user.Id);
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertResetRefusedAsync(await ResetAsync(session, user.Email!, code, "Back-again-1"));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Reset_link_cannot_activate_a_pending_user_around_the_invitation()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Pia", UserStatus.Pending);
        var code = await host.ResetCodeAsync(user.Id);
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        await AssertResetRefusedAsync(await ResetAsync(session, user.Email!, code, "Side-door-1"));

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    private Task<string> ResetTokenCreatedAtAsync(string userId, DateTimeOffset created) => host.WithScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<HeshUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        var options = s.GetRequiredService<IOptions<DataProtectionTokenProviderOptions>>().Value;
        var protector = s.GetRequiredService<IDataProtectionProvider>().CreateProtector(options.Name ?? "DataProtectorTokenProvider");
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, new UTF8Encoding(false, true), leaveOpen: true))
        {
            writer.Write(created.UtcTicks);
            writer.Write(userId);
            writer.Write(UserManager<HeshUser>.ResetPasswordTokenPurpose);
            writer.Write(await users.GetSecurityStampAsync(user) ?? "");
        }
        return Convert.ToBase64String(protector.Protect(bytes.ToArray()));
    });

    private Task<bool> VerifyResetTokenAsync(string userId, string token) => host.WithScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<HeshUser>>();
        return await users.VerifyUserTokenAsync((await users.FindByIdAsync(userId))!, users.Options.Tokens.PasswordResetTokenProvider,
            UserManager<HeshUser>.ResetPasswordTokenPurpose, token);
    });

    // ---- Redirects after sign-in and sign-out ----

    public static IEnumerable<TheoryDataRow<string, string>> OffSiteReturnUrls() =>
        new (string Rule, string Url)[]
        {
            ("Sign_in_never_redirects_to_a_protocol_relative_url", "//evil.example/phish"),
            ("Sign_in_never_redirects_to_an_absolute_url_of_another_site", "https://evil.example/phish"),
            ("Sign_in_never_redirects_to_a_slash_backslash_url", "/\\evil.example/phish"),
            ("Sign_in_never_redirects_to_a_double_backslash_url", "\\\\evil.example\\phish"),
            ("Sign_in_never_redirects_to_a_javascript_url", "javascript:alert(document.cookie)"),
            ("Sign_in_never_redirects_to_a_scheme_without_slashes", "https:evil.example"),
            ("Sign_in_never_redirects_to_a_lookalike_host", "http://127.0.0.1.evil.example/"),
            ("Sign_in_never_redirects_to_a_url_hidden_behind_a_tab", "/\t/evil.example"),
        }.Select(c => new TheoryDataRow<string, string>(c.Rule, c.Url) { TestDisplayName = c.Rule });

    private void AssertStaysOnSite(HttpResponseMessage response)
    {
        Assert.True(Redirected(response), $"Expected a redirect, got {response.StatusCode}.");
        var location = response.Headers.Location!;
        var target = location.IsAbsoluteUri ? location : new Uri(host.BaseAddress, location);
        Assert.Equal(host.BaseAddress.Scheme, target.Scheme);
        Assert.Equal(host.BaseAddress.Authority, target.Authority);
        Assert.DoesNotContain("evil", location.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(OffSiteReturnUrls))]
    public async Task Return_url_never_leads_off_site(string rule, string returnUrl)
    {
        Assert.NotEmpty(rule);
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeExceptSessionsAsync(host, company.Id);

        var response = await session.SubmitAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new Dictionary<string, string> { ["Input.Email"] = company.OwnerEmail, ["Input.Password"] = TestCompany.Password });

        AssertStaysOnSite(response);
        Assert.True(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeExceptSessionsAsync(host, company.Id));
    }

    [Fact]
    public async Task Sign_out_never_redirects_off_site()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var token = await CsrfAttacks.TokenOnAsync(session, "/");
        var before = await DbFingerprint.TakeExceptSessionsAsync(host, company.Id);

        var response = await session.PostRawAsync("/Account/Logout", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["returnUrl"] = "https://evil.example/phish",
        });

        AssertStaysOnSite(response);
        Assert.Equal(before, await DbFingerprint.TakeExceptSessionsAsync(host, company.Id));
    }

    // ---- The session cookie (ASVS V3) ----

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [Fact]
    public async Task Session_cookie_is_HttpOnly_and_SameSite()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);
        var antiforgery = SetCookies(await session.GetAsync("/Account/Login")).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));

        var response = await session.SignInAsync(company.OwnerEmail, TestCompany.Password);

        var auth = SetCookies(response).Single(c => c.StartsWith("Hesh.Auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", auth);
        Assert.Matches("samesite=(lax|strict)", auth);
        Assert.DoesNotContain("domain=", auth);
        Assert.Contains("httponly", antiforgery.ToLowerInvariant());
        Assert.Contains("samesite=strict", antiforgery.ToLowerInvariant());
    }

    [Fact]
    public void Session_cookie_is_Secure_when_served_over_https()
    {
        var options = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var https = new DefaultHttpContext();
        https.Request.Scheme = "https";

        var cookie = options.Cookie.Build(https);

        Assert.NotEqual(CookieSecurePolicy.None, options.Cookie.SecurePolicy);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
    }

    [Fact]
    public async Task Session_cookie_stops_working_once_an_admin_sets_the_password()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Sid");
        using var stolen = await host.SignedInAsync(user.Email!);
        Assert.True((await host.Call<UserAdministration, Hesh.Core.Common.Result>(s => s.SetPasswordAsync(company.OwnerId, user.Id,
            new NewPasswordInput { Password = "Reset-by-admin-1", ConfirmPassword = "Reset-by-admin-1" }))).Succeeded);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await stolen.GetAsync($"/users/{user.Id}");

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Session_cookie_stops_working_once_the_user_changes_their_password_elsewhere()
    {
        var company = await host.CreateCompanyAsync();
        using var stolen = await host.SignedInAsync(company.OwnerEmail);
        using var own = await host.SignedInAsync(company.OwnerEmail);
        Assert.True(Redirected(await own.SubmitAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestCompany.Password, ["Input.Password"] = "Renewed-pass-1", ["Input.ConfirmPassword"] = "Renewed-pass-1",
        })));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await stolen.GetAsync("/users");

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.True(await own.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Session_cookie_stops_working_once_the_password_is_reset_by_email_link()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Rory");
        using var stolen = await host.SignedInAsync(user.Email!);
        using var own = new BrowserSession(host);
        Assert.True(Redirected(await ResetAsync(own, user.Email!, await host.ResetCodeAsync(user.Id), "Rotated-pass-1")));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await stolen.GetAsync($"/users/{user.Id}");

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Session_cookie_stops_working_once_the_user_is_inactivated()
    {
        var company = await host.CreateCompanyAsync();
        var user = await company.AddUserAsync("Ina");
        using var stolen = await host.SignedInAsync(user.Email!);
        Assert.True((await host.Call<UserAdministration, Hesh.Core.Common.Result>(s => s.ApplyStatusActionAsync(company.OwnerId, user.Id, StatusAction.Inactivate))).Succeeded);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await stolen.GetAsync($"/users/{user.Id}");

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Tampered_session_cookie_is_refused()
    {
        var company = await host.CreateCompanyAsync();
        using var real = await host.SignedInAsync(company.OwnerEmail);
        var value = real.Cookies.GetCookies(host.BaseAddress)["Hesh.Auth"]!.Value;
        var middle = value.Length / 2;
        var tampered = value[..middle] + (value[middle] == 'A' ? 'B' : 'A') + value[(middle + 1)..];
        using var forged = new BrowserSession(host);
        forged.Cookies.Add(host.BaseAddress, new Cookie("Hesh.Auth", tampered));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await forged.GetAsync("/users");

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Expired_session_cookie_is_refused()
    {
        var company = await host.CreateCompanyAsync();
        using var real = await host.SignedInAsync(company.OwnerEmail);
        var value = real.Cookies.GetCookies(host.BaseAddress)["Hesh.Auth"]!.Value;
        using var control = new BrowserSession(host);
        control.Cookies.Add(host.BaseAddress, new Cookie("Hesh.Auth", Reissue(value, expired: false)));
        Assert.True(await control.IsSignedInAsync(), "A re-issued, unexpired copy of the cookie should work: the expiry case would prove nothing.");
        using var expired = new BrowserSession(host);
        expired.Cookies.Add(host.BaseAddress, new Cookie("Hesh.Auth", Reissue(value, expired: true)));
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await expired.GetAsync("/users");

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    /// <summary>The session cookie as the server would have issued it, optionally one that expired a minute ago.</summary>
    internal string Reissue(string cookieValue, bool expired) => ReissueCookie(host, cookieValue, expired);

    internal static string ReissueCookie(AppHost host, string cookieValue, bool expired)
    {
        var format = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        var ticket = format.Unprotect(cookieValue)!;
        if (expired)
        {
            ticket.Properties.IssuedUtc = DateTimeOffset.UtcNow.AddHours(-13);
            ticket.Properties.ExpiresUtc = DateTimeOffset.UtcNow.AddMinutes(-1);
        }
        return format.Protect(ticket);
    }

    [Fact]
    public async Task Sign_out_by_a_get_request_is_refused()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await session.GetAsync("/Account/Logout");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Sliding expiration may renew the cookie on any request; what must not happen is its deletion.
        Assert.DoesNotContain(SetCookies(response), c => c.StartsWith("Hesh.Auth=", StringComparison.Ordinal)
            && (c.StartsWith("Hesh.Auth=;", StringComparison.Ordinal) || c.Contains("1970", StringComparison.Ordinal)));
        Assert.True(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_from_every_console_page()
    {
        var company = await host.CreateCompanyAsync();
        using var anonymous = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        foreach (var path in new[] { "/", $"/users/{company.OwnerId}", "/users", "/audit", "/company", "/departments", "/tasks", "/my-tasks",
                     "/products", "/productions", "/analytics", "/no-access", "/Account/ChangePassword" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.True(Redirected(response), $"{path} answered {response.StatusCode} to an anonymous visitor.");
            Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
            Assert.DoesNotContain(company.OwnerEmail, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }
}
