using System.Net;
using Hesh.Core.Common;
using Hesh.Core.TwoFactor;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Account;
using Microsoft.EntityFrameworkCore;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// Passkeys attacked as an attacker would: with a software authenticator of their own (<see cref="SoftPasskey"/>) whose
/// every field they may forge, over the same options fetches and form posts the browser uses, or through the Core service
/// a Security-tab event calls, with their own id. Each case is refused with a message and leaves the company's
/// fingerprint (passkeys included) as it was.
/// </summary>
public sealed class PasskeyAttacks(AppHost host)
{
    private static bool Redirected(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;

    private static async Task<string> PageAsync(HttpResponseMessage response)
    {
        Assert.False(Redirected(response), $"Expected a refusal on the page, got a redirect to {response.Headers.Location}.");
        return await response.Content.ReadAsStringAsync();
    }

    private static void AssertShows(string message, string page) => Assert.Contains(WebUtility.HtmlEncode(message), page);

    /// <summary>A user of a fresh company with a passkey of their own, added the way the browser adds it.</summary>
    private async Task<(TestCompany Company, HeshUser User, SoftPasskey Passkey)> VictimAsync(string first = "Vic", TestCompany? company = null)
    {
        company ??= await host.CreateCompanyAsync();
        var user = await company.AddUserAsync(first);
        var passkey = new SoftPasskey();
        using var session = await host.SignedInAsync(user.Email!);
        Assert.True(Redirected(await session.AddPasskeyAsync(passkey)), "The victim's passkey could not be added to set up the attack.");
        return (company, user, passkey);
    }

    private Task<int> PasskeyCountAsync(string userId) => host.DbAsync(db => db.UserPasskeys.CountAsync(k => k.UserId == userId));

    // ---- Adding requires being signed in, one's password, and this page's token ----

    [Fact]
    public async Task Anonymous_visitor_cannot_open_the_add_passkey_page_or_get_creation_options()
    {
        using var anonymous = new BrowserSession(host);

        var page = await anonymous.GetAsync(PasskeySteps.AddPage);
        var options = await anonymous.CreationOptionsAsync(tokenPage: "/Account/Login");

        Assert.True(Redirected(page));
        Assert.Contains("/Account/Login", page.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, options.StatusCode);
        Assert.DoesNotContain("challenge", await options.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_post_of_a_new_passkey_is_sent_to_sign_in_and_adds_nothing()
    {
        var (company, victim, _) = await VictimAsync();
        using var anonymous = new BrowserSession(host);
        using var forged = new SoftPasskey();
        var fields = await anonymous.ReadFormAsync("/Account/Login", "login");
        fields["_handler"] = "add-passkey";
        fields["Input.CredentialJson"] = forged.Create(
            $$"""{"rp":{"id":"127.0.0.1"},"user":{"id":"{{System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(victim.Id))}}"},"challenge":"AAAA"}""",
            anonymous.Origin());
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await anonymous.PostAsOriginAsync(PasskeySteps.AddPage, fields);

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Creation_options_are_refused_until_the_password_is_re_entered()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var options = await session.CreationOptionsAsync(tokenPage: "/Account/Login");

        Assert.Equal(HttpStatusCode.Forbidden, options.StatusCode);
        Assert.DoesNotContain("challenge", await options.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Wrong_password_on_the_add_passkey_page_is_refused_counts_towards_lockout_and_gives_no_options()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);

        var page = await PageAsync(await session.ConfirmPasswordAsync("Wrong-pass-9"));
        var options = await session.CreationOptionsAsync(tokenPage: "/Account/Login");

        Assert.Contains("The password is not correct.", page);
        Assert.Contains("Enter your password.", await PageAsync(await session.ConfirmPasswordAsync("")));
        Assert.Equal(1, (await host.FindUserAsync(company.OwnerId))!.AccessFailedCount);
        Assert.Equal(HttpStatusCode.Forbidden, options.StatusCode);
        Assert.Equal(0, await PasskeyCountAsync(company.OwnerId));
    }

    [Fact]
    public async Task A_password_confirmation_copied_into_another_session_is_worthless()
    {
        var company = await host.CreateCompanyAsync();
        using var confirmed = await host.SignedInAsync(company.OwnerEmail);
        await confirmed.ConfirmPasswordAsync();
        using var other = await host.SignedInAsync(company.OwnerEmail);
        var proof = confirmed.Cookies.GetAllCookies().Single(c => c.Name == "Hesh.PasskeyConfirmed");
        other.Cookies.Add(new Cookie(proof.Name, proof.Value, "/Account", proof.Domain));

        var options = await other.CreationOptionsAsync(tokenPage: "/Account/Login");

        Assert.Equal(HttpStatusCode.Forbidden, options.StatusCode);
    }

    public static IEnumerable<TheoryDataRow<string>> OptionEndpoints() => Named(["/Account/PasskeyCreationOptions", "/Account/PasskeyRequestOptions"],
        endpoint => $"{endpoint.Split('/')[^1]}_without_the_pages_antiforgery_token_is_rejected");

    [Theory]
    [MemberData(nameof(OptionEndpoints))]
    public async Task Passkey_options_without_the_pages_antiforgery_token_are_rejected(string endpoint)
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        await session.ConfirmPasswordAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Add("Origin", session.Origin());

        var response = await session.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("challenge", await response.Content.ReadAsStringAsync());
    }

    // ---- Forged credentials to the add form ----

    /// <summary>What an attacker may post as "the credential the browser made", each with the message they get.</summary>
    private static readonly Dictionary<string, (Func<SoftPasskey, string, string, string> Forge, string Message)> ForgedNewPasskeys = new()
    {
        ["Not_json"] = ((_, _, _) => "this is not a credential", "The passkey could not be verified. Try again."),
        ["Empty_object"] = ((_, _, _) => "{}", "The passkey could not be verified. Try again."),
        ["Json_array"] = ((_, _, _) => "[1,2,3]", "The passkey could not be verified. Try again."),
        ["Over_64_KB"] = ((p, options, origin) => p.Create(options, origin).Replace("\"clientExtensionResults\":{}",
            $"\"clientExtensionResults\":{{\"pad\":\"{new string('a', 200_000)}\"}}"), PasskeyMessages.Unreadable),
        ["Answer_from_another_origin"] = ((p, options, _) => p.Create(options, "https://evil.example"), "The passkey could not be verified. Try again."),
        ["Answer_to_another_challenge"] = ((p, options, origin) => p.Create(options.Replace("\"challenge\":\"", "\"challenge\":\"AAAA"), origin),
            "The passkey could not be verified. Try again."),
        ["Answer_for_another_relying_party"] = ((p, options, origin) => p.Create(options.Replace("\"id\":\"127.0.0.1\"", "\"id\":\"evil.example\""), origin),
            "The passkey could not be verified. Try again."),
        ["Cancelled_in_the_browser"] = ((_, _, _) => "", "No passkey was created: the request was cancelled or timed out. Try again when you are ready."),
    };

    public static IEnumerable<TheoryDataRow<string>> ForgedNewPasskeyCases() =>
        Named(ForgedNewPasskeys.Keys, forgery => $"New_passkey_{forgery}_is_refused_with_a_message_and_adds_nothing");

    [Theory]
    [MemberData(nameof(ForgedNewPasskeyCases))]
    public async Task Forged_new_passkey_is_refused_with_a_message_and_adds_nothing(string forgery)
    {
        var (forge, message) = ForgedNewPasskeys[forgery];
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        await session.ConfirmPasswordAsync();
        var options = await (await session.CreationOptionsAsync()).Content.ReadAsStringAsync();
        using var passkey = new SoftPasskey();
        var json = forge(passkey, options, session.Origin());
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await session.PostNewPasskeyAsync(json.Length == 0 ? null : json, json.Length == 0 ? "cancelled" : null));

        AssertShows(message, page);
        Assert.Contains("data-testid=\"account-alert\"", page);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task New_passkey_posted_without_creation_options_says_the_request_expired_and_adds_nothing()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        await session.ConfirmPasswordAsync();
        using var passkey = new SoftPasskey();
        var stale = passkey.Create("""{"rp":{"id":"127.0.0.1"},"user":{"id":"dQ"},"challenge":"AAAA"}""", session.Origin());
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await session.PostNewPasskeyAsync(stale));

        AssertShows(PasskeyMessages.Expired, page);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task A_credential_id_registered_to_another_user_cannot_be_attached_to_the_attacker_and_the_victims_passkey_is_untouched()
    {
        var (company, victim, victimPasskey) = await VictimAsync();
        var attacker = await company.AddUserAsync("Atta");
        using var session = await host.SignedInAsync(attacker.Email!);
        await session.ConfirmPasswordAsync();
        var options = await (await session.CreationOptionsAsync()).Content.ReadAsStringAsync();
        using var clone = new SoftPasskey(victimPasskey.CredentialId);
        var keyBefore = await host.DbAsync(db => db.UserPasskeys.Where(k => k.UserId == victim.Id).Select(k => k.Data.PublicKey).SingleAsync());
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await session.PostNewPasskeyAsync(clone.Create(options, session.Origin())));

        AssertShows(PasskeyMessages.AlreadyRegistered, page);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
        Assert.Equal(keyBefore, await host.DbAsync(db => db.UserPasskeys.Where(k => k.UserId == victim.Id).Select(k => k.Data.PublicKey).SingleAsync()));
    }

    [Fact]
    public async Task Creation_options_made_for_one_account_cannot_attach_a_passkey_to_another_signed_in_later_in_the_same_browser()
    {
        var company = await host.CreateCompanyAsync();
        var other = await company.AddUserAsync("Otto");
        using var browser = await host.SignedInAsync(company.OwnerEmail);
        await browser.ConfirmPasswordAsync();
        var options = await (await browser.CreationOptionsAsync()).Content.ReadAsStringAsync();
        using var passkey = new SoftPasskey();
        var credential = passkey.Create(options, browser.Origin());
        // Signing in over the top, without signing out (which would drop the ceremony's cookie): the options' challenge lives
        // in Identity's cookie and outlives the change of account. The password step is the new account's own.
        await browser.SignInAsync(other.Email!, TestCompany.Password);
        await browser.ConfirmPasswordAsync();
        var before = await DbFingerprint.TakeExceptSessionsAsync(host, company.Id);

        var page = await PageAsync(await browser.PostNewPasskeyAsync(credential));

        Assert.Contains("This passkey was made for another account.", page);
        Assert.Equal(0, await PasskeyCountAsync(other.Id));
        Assert.Equal(0, await PasskeyCountAsync(company.OwnerId));
        Assert.Equal(before, await DbFingerprint.TakeExceptSessionsAsync(host, company.Id));
    }

    // ---- Forged passkeys at sign-in ----

    private static readonly Dictionary<string, (Func<SoftPasskey, string, string, string> Forge, string Message)> ForgedSignIns = new()
    {
        ["Not_json"] = ((_, _, _) => "this is not a credential", PasskeyMessages.Unreadable),
        ["Empty_object"] = ((_, _, _) => "{}", PasskeyMessages.Unreadable),
        ["Over_64_KB"] = ((p, options, origin) => p.Get(options, origin).Replace("\"clientExtensionResults\":{}",
            $"\"clientExtensionResults\":{{\"pad\":\"{new string('a', 200_000)}\"}}"), PasskeyMessages.Unreadable),
        ["Answer_from_another_origin"] = ((p, options, _) => p.Get(options, "https://evil.example"), PasskeyMessages.NotVerified),
        ["Answer_to_another_challenge"] = ((p, options, origin) => p.Get(options.Replace("\"challenge\":\"", "\"challenge\":\"AAAA"), origin), PasskeyMessages.NotVerified),
        ["Answer_for_another_relying_party"] = ((p, options, origin) => p.Get(options.Replace("\"rpId\":\"127.0.0.1\"", "\"rpId\":\"evil.example\""), origin),
            PasskeyMessages.NotVerified),
        ["Tampered_signature"] = ((p, options, origin) => TamperSignature(p.Get(options, origin)), PasskeyMessages.NotVerified),
        ["Cancelled_in_the_browser"] = ((_, _, _) => "", "Signing in with a passkey was cancelled or timed out. Try again, or sign in with your password."),
    };

    public static IEnumerable<TheoryDataRow<string>> ForgedSignInCases() =>
        Named(ForgedSignIns.Keys, forgery => $"Passkey_sign_in_{forgery}_is_refused_with_a_message_and_signs_nobody_in");

    [Theory]
    [MemberData(nameof(ForgedSignInCases))]
    public async Task Forged_passkey_sign_in_is_refused_with_a_message_and_signs_nobody_in(string forgery)
    {
        var (forge, message) = ForgedSignIns[forgery];
        var (company, _, passkey) = await VictimAsync();
        using var attacker = new BrowserSession(host);
        var options = await (await attacker.RequestOptionsAsync()).Content.ReadAsStringAsync();
        var json = forge(passkey, options, attacker.Origin());
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await attacker.PostPasskeySignInAsync(json.Length == 0 ? null : json, json.Length == 0 ? "cancelled" : null));

        AssertShows(message, page);
        Assert.False(await attacker.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task A_credential_beyond_the_form_size_limit_is_rejected_before_any_passkey_check()
    {
        var (company, _, _) = await VictimAsync();
        using var attacker = new BrowserSession(host);
        await attacker.RequestOptionsAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        // Past ASP.NET Core's 4 MB limit on a form value the form is not read at all, so its antiforgery token is not found.
        var response = await attacker.PostPasskeySignInAsync(new string('a', 5_000_000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await attacker.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task A_passkey_Hesh_never_registered_is_told_so_and_signs_nobody_in()
    {
        var company = await host.CreateCompanyAsync();
        using var stranger = new SoftPasskey();
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await session.SignInWithPasskeyAsync(stranger));

        AssertShows(PasskeyMessages.NotRegistered, page);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Passkey_sign_in_without_request_options_says_the_request_expired()
    {
        var (company, _, passkey) = await VictimAsync();
        using var session = new BrowserSession(host);
        var credential = passkey.Get("""{"rpId":"127.0.0.1","challenge":"AAAA"}""", session.Origin());
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await session.PostPasskeySignInAsync(credential));

        AssertShows(PasskeyMessages.Expired, page);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task A_captured_passkey_sign_in_cannot_be_replayed_from_another_browser()
    {
        var (company, _, passkey) = await VictimAsync();
        using var victimBrowser = new BrowserSession(host);
        var options = await (await victimBrowser.RequestOptionsAsync()).Content.ReadAsStringAsync();
        var captured = passkey.Get(options, victimBrowser.Origin());
        Assert.True(Redirected(await victimBrowser.PostPasskeySignInAsync(captured)));
        using var attacker = new BrowserSession(host);
        await attacker.RequestOptionsAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await attacker.PostPasskeySignInAsync(captured));

        AssertShows(PasskeyMessages.NotVerified, page);
        Assert.False(await attacker.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    public static IEnumerable<TheoryDataRow<string>> Companies() =>
        Named(["Same_company", "Other_company"], where => $"Attackers_own_passkey_from_the_{where.ToLowerInvariant()}_claiming_the_victim_does_not_sign_in_as_them");

    [Theory]
    [MemberData(nameof(Companies))]
    public async Task Attackers_own_passkey_claiming_the_victims_account_does_not_sign_in_as_the_victim(string where)
    {
        var (company, victim, _) = await VictimAsync();
        var (_, _, attackerPasskey) = await VictimAsync("Atta", where == "Same_company" ? company : null);
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await session.SignInWithPasskeyAsync(attackerPasskey, userHandle: victim.Id));

        AssertShows(PasskeyMessages.NotVerified, page);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task The_victims_credential_id_signed_with_the_attackers_key_does_not_sign_in()
    {
        var (company, victim, victimPasskey) = await VictimAsync();
        using var forged = new SoftPasskey(victimPasskey.CredentialId);
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await session.SignInWithPasskeyAsync(forged, userHandle: victim.Id));

        AssertShows(PasskeyMessages.NotVerified, page);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    public static IEnumerable<TheoryDataRow<string>> BarredStatuses() =>
        Named([nameof(UserStatus.Inactive), nameof(UserStatus.Pending)], status => $"{status}_user_with_a_valid_passkey_is_refused_with_the_reason");

    [Theory]
    [MemberData(nameof(BarredStatuses))]
    public async Task A_user_who_may_not_sign_in_is_refused_with_the_reason_even_with_a_valid_passkey(string status)
    {
        var (company, user, passkey) = await VictimAsync();
        var barred = Enum.Parse<UserStatus>(status);
        await host.DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, barred)));
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var page = await PageAsync(await session.SignInWithPasskeyAsync(passkey));

        Assert.Contains(barred == UserStatus.Inactive ? "Your account is inactive." : "Your account is not activated yet.", page);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task A_locked_out_user_is_sent_to_the_lockout_page_even_with_a_valid_passkey()
    {
        var (company, user, passkey) = await VictimAsync();
        await host.DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(10))));
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await session.SignInWithPasskeyAsync(passkey);

        Assert.True(Redirected(response));
        Assert.Contains("/Account/Lockout", response.Headers.Location!.OriginalString);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    // ---- Someone else's passkeys: rename, remove, name step ----

    private static readonly Dictionary<string, Func<PasskeyService, string, string, Task<Result>>> ForeignActions = new()
    {
        ["Rename"] = (s, actor, id) => s.RenameAsync(actor, id, "Mine now"),
        ["Remove"] = (s, actor, id) => s.RemoveAsync(actor, id),
        ["Ask_to_remove"] = (s, actor, id) => s.CanRemoveAsync(actor, id),
        ["Read"] = async (s, actor, id) => await s.GetAsync(actor, id),
    };

    public static IEnumerable<TheoryDataRow<string, string>> ForeignActionCases() =>
        ForeignActions.Keys.SelectMany(action => new[] { "Same_company", "Other_company", "Not_signed_in" }
            .Select(who => new TheoryDataRow<string, string>(action, who) { TestDisplayName = $"{action}_another_users_passkey_{who}_is_not_found" }));

    [Theory]
    [MemberData(nameof(ForeignActionCases))]
    public async Task Another_users_passkey_is_not_found_and_unchanged(string action, string who)
    {
        var (company, _, passkey) = await VictimAsync();
        var attackerCompany = who == "Other_company" ? await host.CreateCompanyAsync() : company;
        // The same company's owner: even the most powerful account there has no say over someone's passkeys.
        var attacker = who == "Not_signed_in" ? "" : attackerCompany.OwnerId;
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await host.Call<PasskeyService, Result>(s => ForeignActions[action](s, attacker, passkey.Id));

        Assert.True(result.IsNotFound, $"{action} was not refused as not found: {result.Error}");
        Assert.Equal("This passkey was not found.", result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Not_signed_in_nobodys_passkeys_are_listed_and_none_can_be_added()
    {
        var (_, victim, _) = await VictimAsync();
        using var passkey = new SoftPasskey();

        var list = await host.Call<PasskeyService, Result<IReadOnlyList<PasskeyView>>>(s => s.ListAsync(""));
        var add = await host.Call<PasskeyService, Result<PasskeyView>>(s => s.AddAsync("", new Microsoft.AspNetCore.Identity.UserPasskeyInfo(
            passkey.CredentialId, [1], DateTimeOffset.UtcNow, 0, null, true, false, false, [1], [1]), victim.Id, null));

        Assert.True(list.IsNotFound);
        Assert.Null(list.Value);
        Assert.False(add.Succeeded);
        Assert.Equal(1, await PasskeyCountAsync(victim.Id));
    }

    [Fact]
    public async Task The_naming_step_with_another_users_passkey_id_is_not_found_and_renames_nothing()
    {
        var (company, _, passkey) = await VictimAsync();
        var attacker = await company.AddUserAsync("Atta");
        using var session = await host.SignedInAsync(attacker.Email!);
        var path = $"{PasskeySteps.AddPage}?added={Uri.EscapeDataString(passkey.Id)}";
        var shown = await (await session.GetAsync(path)).Content.ReadAsStringAsync();
        var fields = await session.ReadFormAsync(PasskeySteps.AddPage, "confirm-passkey");
        fields["_handler"] = "name-passkey";
        fields["Naming.Name"] = "Mine now";
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var response = await session.PostRawAsync(path, fields);

        Assert.Contains("This passkey was not found.", shown);
        Assert.DoesNotContain("name-passkey", shown);
        // The page offers no naming form for a passkey that is not one's own, so Blazor refuses the post outright.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    private static IEnumerable<TheoryDataRow<string>> Named(IEnumerable<string> values, Func<string, string> name) =>
        values.Select(value => new TheoryDataRow<string>(value) { TestDisplayName = name(value) });

    private static string TamperSignature(string credentialJson)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(credentialJson)!;
        var signature = System.Buffers.Text.Base64Url.DecodeFromChars((string)node["response"]!["signature"]!);
        signature[^1] ^= 0x01;
        node["response"]!["signature"] = System.Buffers.Text.Base64Url.EncodeToString(signature);
        return node.ToJsonString();
    }
}
