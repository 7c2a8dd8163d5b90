using System.Net;
using System.Text.RegularExpressions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// Cross-site request forgery against every static form of the account pages (Hesh.Web/Components/Account/Pages) and
/// the sign-out endpoint, passkey steps included. The victim's browser has visited the site (it holds the antiforgery cookie, and is signed in
/// where the form needs it); the forged post carries a body that would otherwise succeed, either without a token or
/// with a token the attacker got from their own session. Every one is rejected with 400 and changes nothing.
/// </summary>
public sealed partial class CsrfAttacks(AppHost host)
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The antiforgery token of the first form on a page, as a browser would submit it.</summary>
    public static async Task<string> TokenOnAsync(BrowserSession session, string path)
    {
        var html = await (await session.GetAsync(path)).Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {path}.");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed record Forgery(TestCompany Company, BrowserSession Victim, string Path, Dictionary<string, string> Body,
        Func<Task<string>> ForeignToken, Func<Task> AssertNothingHappened, string[] Emails, string[] CompanyNames) : IDisposable
    {
        public void Dispose() => Victim.Dispose();
    }

    private static readonly string[] Forms = ["Sign_in", "Sign_up", "Invitation", "Forgot_password", "Reset_password", "Change_password", "Sign_out",
        "Add_passkey_password", "Add_passkey", "Name_passkey"];

    public static IEnumerable<TheoryDataRow<string, bool>> Cases() =>
        Forms.SelectMany(form => new[]
        {
            new TheoryDataRow<string, bool>(form, false) { TestDisplayName = $"{form}_post_without_an_antiforgery_token_is_rejected" },
            new TheoryDataRow<string, bool>(form, true) { TestDisplayName = $"{form}_post_with_another_sessions_antiforgery_token_is_rejected" },
        });

    /// <summary>The attacker's own token for a page: from a fresh anonymous session, or their own signed-in one.</summary>
    private Func<Task<string>> AttackerToken(string path, bool signedIn) => async () =>
    {
        if (!signedIn)
        {
            using var anonymous = new BrowserSession(host);
            return await TokenOnAsync(anonymous, path);
        }
        var attacker = await host.CreateCompanyAsync();
        using var own = await host.SignedInAsync(attacker.OwnerEmail);
        return await TokenOnAsync(own, path);
    };

    private async Task<Forgery> PrepareAsync(string form)
    {
        var company = await host.CreateCompanyAsync();
        switch (form)
        {
            case "Sign_in":
            {
                var victim = new BrowserSession(host);
                var body = await victim.ReadFormAsync("/Account/Login", "login");
                body["Input.Email"] = company.OwnerEmail;
                body["Input.Password"] = TestCompany.Password;
                return new(company, victim, "/Account/Login", body, AttackerToken("/Account/Login", false),
                    async () => Assert.False(await victim.IsSignedInAsync()), [], []);
            }
            case "Sign_up":
            {
                var victim = new BrowserSession(host);
                var email = $"forged-{company.Tag}@test.hesh";
                var name = $"Forged {company.Tag}";
                var body = await victim.ReadFormAsync("/Account/SignUp", "signup");
                foreach (var (key, value) in new Dictionary<string, string>
                         {
                             ["Input.CompanyName"] = name, ["Input.FirstName"] = "Forged", ["Input.LastName"] = "Founder", ["Input.Email"] = email,
                             ["Input.Password"] = "Forged-pass-1", ["Input.ConfirmPassword"] = "Forged-pass-1",
                         })
                {
                    body[key] = value;
                }
                return new(company, victim, "/Account/SignUp", body, AttackerToken("/Account/SignUp", false),
                    async () => Assert.False(await victim.IsSignedInAsync()), [email], [name]);
            }
            case "Invitation":
            {
                var pending = await company.AddUserAsync("Penny", UserStatus.Pending);
                var path = InvitationPath(pending.Id, await host.IssueInvitationAsync(pending.Id));
                var victim = new BrowserSession(host);
                var body = await victim.ReadFormAsync(path, "invitation");
                foreach (var (key, value) in NewPassword("Forged-pass-1"))
                {
                    body[key] = value;
                }
                return new(company, victim, path, body, AttackerToken(path, false), async () => Assert.False(await victim.IsSignedInAsync()), [], []);
            }
            case "Forgot_password":
            {
                var user = await company.AddUserAsync("Fern");
                var victim = new BrowserSession(host);
                var body = await victim.ReadFormAsync("/Account/ForgotPassword", "forgot-password");
                body["Input.Email"] = user.Email!;
                // Counted once the host's queued mail is out: had the post gone through, its reset email would be there now.
                return new(company, victim, "/Account/ForgotPassword", body, AttackerToken("/Account/ForgotPassword", false),
                    () => { Assert.Equal(0, MailsTo(user.Email!)); return Task.CompletedTask; }, [], []);
            }
            case "Reset_password":
            {
                var user = await company.AddUserAsync("Rita");
                var path = ResetPath(user.Email!, await host.ResetCodeAsync(user.Id));
                var victim = new BrowserSession(host);
                var body = await victim.ReadFormAsync(path, "reset-password");
                foreach (var (key, value) in NewPassword("Forged-pass-1"))
                {
                    body[key] = value;
                }
                return new(company, victim, path, body, AttackerToken(path, false), () => Task.CompletedTask, [], []);
            }
            case "Change_password":
            {
                var victim = await host.SignedInAsync(company.OwnerEmail);
                var body = await victim.ReadFormAsync("/Account/ChangePassword", "change-password");
                body["Input.CurrentPassword"] = TestCompany.Password;
                body["Input.Password"] = "Forged-pass-1";
                body["Input.ConfirmPassword"] = "Forged-pass-1";
                return new(company, victim, "/Account/ChangePassword", body, AttackerToken("/Account/ChangePassword", true),
                    async () => Assert.True(await victim.IsSignedInAsync()), [], []);
            }
            case "Sign_out":
            {
                var victim = await host.SignedInAsync(company.OwnerEmail);
                var body = new Dictionary<string, string> { [TokenField] = await TokenOnAsync(victim, "/"), ["returnUrl"] = "/" };
                return new(company, victim, "/Account/Logout", body, AttackerToken("/", true),
                    async () => Assert.True(await victim.IsSignedInAsync()), [], []);
            }
            case "Add_passkey_password":
            {
                var victim = await host.SignedInAsync(company.OwnerEmail);
                var body = await victim.ReadFormAsync(PasskeySteps.AddPage, "confirm-passkey");
                body["Confirm.Password"] = TestCompany.Password;
                // Had the post gone through, this browser could now fetch creation options.
                return new(company, victim, PasskeySteps.AddPage, body, AttackerToken(PasskeySteps.AddPage, true),
                    async () => Assert.Equal(HttpStatusCode.Forbidden, (await victim.CreationOptionsAsync(tokenPage: "/Account/Login")).StatusCode), [], []);
            }
            case "Add_passkey":
            {
                var victim = await host.SignedInAsync(company.OwnerEmail);
                await victim.ConfirmPasswordAsync();
                var options = await (await victim.CreationOptionsAsync()).Content.ReadAsStringAsync();
                using var passkey = new SoftPasskey();
                var body = await victim.ReadFormAsync(PasskeySteps.AddPage, "add-passkey");
                body["Input.CredentialJson"] = passkey.Create(options, victim.Origin());
                return new(company, victim, PasskeySteps.AddPage, body, AttackerToken(PasskeySteps.AddPage, true), () => Task.CompletedTask, [], []);
            }
            case "Name_passkey":
            {
                var victim = await host.SignedInAsync(company.OwnerEmail);
                using var passkey = new SoftPasskey();
                await victim.AddPasskeyAsync(passkey);
                var path = $"{PasskeySteps.AddPage}?added={Uri.EscapeDataString(passkey.Id)}";
                var body = await victim.ReadFormAsync(path, "name-passkey");
                body["Naming.Name"] = "Forged name";
                return new(company, victim, path, body, AttackerToken(PasskeySteps.AddPage, true), () => Task.CompletedTask, [], []);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(form));
        }
    }

    private int MailsTo(string email) => Mailbox.CountFor(host, email);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Forged_form_post_is_rejected_and_changes_nothing(string form, bool withForeignToken)
    {
        using var forgery = await PrepareAsync(form);
        var body = new Dictionary<string, string>(forgery.Body);
        Assert.True(body.ContainsKey(TokenField), $"The {form} form carries no antiforgery token.");
        if (withForeignToken)
        {
            body[TokenField] = await forgery.ForeignToken();
            Assert.NotEqual(forgery.Body[TokenField], body[TokenField]);
        }
        else
        {
            body.Remove(TokenField);
        }
        var before = await DbFingerprint.TakeAsync(host, [forgery.Company.Id], forgery.Emails, forgery.CompanyNames);

        var response = await forgery.Victim.PostRawAsync(forgery.Path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("(?i)anti-?forgery token", await response.Content.ReadAsStringAsync());
        await forgery.AssertNothingHappened();
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, [forgery.Company.Id], forgery.Emails, forgery.CompanyNames));
    }
}
