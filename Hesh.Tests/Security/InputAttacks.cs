using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.DayOffs;
using Hesh.Core.Positions;
using Hesh.Core.Productions;
using Hesh.Core.Products;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Hesh.Tests.Security.SecurityTestExtensions;

namespace Hesh.Tests.Security;

/// <summary>
/// Hostile input through every text field and upload a screen offers, sent to the service the screen calls (so the
/// browser's maxlength and accept attributes are bypassed): over-long text is refused with a message, markup is either
/// refused (names, titles, keys) or stored as typed and always rendered encoded (free text), and only real PNG, JPEG
/// or WEBP images up to 2 MB are accepted, whatever the file claims to be.
/// </summary>
public sealed class InputAttacks(AppHost host)
{
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static readonly string[] Markup = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>"];

    // Refused attacks leave the target as it was, so the cases of this class (run one after another) share one company;
    // the cases that store something make their own.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Tenant? _shared;

    private async Task<Tenant> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _shared ??= await Tenant.CreateAsync(host);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static EditProfileInput Profile(string first = "Petra", string last = "Tester", string? phone = null, string? externalId = null) =>
        new() { FirstName = first, LastName = last, Phone = phone, ExternalId = externalId };

    private static CompanyProfileInput CompanyProfile(string name) => new() { Name = name, Currency = "EUR", KeyAbbreviation = "HS" };

    private sealed record OverLong(string Message, Func<AppHost, Tenant, Task<Result>> Run);

    private static readonly Dictionary<string, OverLong> OverLongInputs = new()
    {
        ["Over_long_first_name_is_refused_with_a_message"] = new("First name must be at most 50 characters.", (h, t) =>
            h.Call<UserAdministration, Result>(s => s.UpdateProfileAsync(t.OwnerId, t.Performer.Id, Profile(first: new string('a', 51))))),
        ["Over_long_last_name_is_refused_with_a_message"] = new("Last name must be at most 50 characters.", (h, t) =>
            h.Call<UserAdministration, Result>(s => s.UpdateProfileAsync(t.OwnerId, t.Performer.Id, Profile(last: new string('a', 51))))),
        ["Over_long_phone_number_is_refused_with_a_message"] = new("Phone number must be at most 20 characters.", (h, t) =>
            h.Call<UserAdministration, Result>(s => s.UpdateProfileAsync(t.OwnerId, t.Performer.Id, Profile(phone: "(555) 010-0200 (5555)")))),
        ["Over_long_external_id_is_refused_with_a_message"] = new("External id must be at most 64 characters.", (h, t) =>
            h.Call<UserAdministration, Result>(s => s.UpdateProfileAsync(t.OwnerId, t.Performer.Id, Profile(externalId: new string('A', 65))))),
        ["Over_long_email_of_an_invited_user_is_refused_with_a_message"] = new("Email must be at most 254 characters.", async (h, t) =>
            await h.Call<UserAdministration, Result<string>>(s => s.InviteAsync(t.OwnerId,
                new InviteUserInput { Email = new string('a', 245) + "@test.hesh", FirstName = "Long", LastName = "Mail" }))),
        ["Over_long_name_of_an_invited_user_is_refused_with_a_message"] = new("First name must be at most 50 characters.", async (h, t) =>
            await h.Call<UserAdministration, Result<string>>(s => s.InviteAsync(t.OwnerId,
                new InviteUserInput { Email = $"long-{t.Tag}@test.hesh", FirstName = new string('a', 51), LastName = "Name" }))),
        ["Over_long_company_name_is_refused_with_a_message"] = new("Company name must be at most 100 characters.", (h, t) =>
            h.Call<CompanyService, Result>(s => s.UpdateAsync(t.OwnerId, CompanyProfile(new string('A', 101))))),
        ["Over_long_department_name_is_refused_with_a_message"] = new("Name must be at most 80 characters.", (h, t) =>
            h.Call<PositionService, Result>(s => s.AddDepartmentAsync(t.OwnerId, new string('D', 81), null))),
        ["Over_long_department_rename_is_refused_with_a_message"] = new("Name must be at most 80 characters.", (h, t) =>
            h.Call<PositionService, Result>(s => s.RenameDepartmentAsync(t.OwnerId, t.DepartmentId, new string('D', 81)))),
        ["Over_long_position_name_is_refused_with_a_message"] = new("Name must be at most 80 characters.", (h, t) =>
            h.Call<PositionService, Result>(s => s.AddPositionAsync(t.OwnerId, new string('P', 81)))),
        ["Over_long_position_rename_is_refused_with_a_message"] = new("Name must be at most 80 characters.", (h, t) =>
            h.Call<PositionService, Result>(s => s.RenamePositionAsync(t.OwnerId, t.PositionId, new string('P', 81)))),
        ["Over_long_product_name_is_refused_with_a_message"] = new("Name must be at most 120 characters.", async (h, t) =>
            await h.Call<ProductService, Result<Guid>>(s => s.CreateAsync(t.OwnerId, new ProductInput { Name = new string('N', 121) }))),
        ["Over_long_product_description_is_refused_with_a_message"] = new("Description must be at most 2000 characters.", (h, t) =>
            h.Call<ProductService, Result>(s => s.SaveDraftAsync(t.OwnerId, t.ProductId,
                new ProductInput { Name = t.ProductName, Description = new string('d', 2001) }, [new StepInput { Name = "Cut" }]))),
        ["Over_long_step_name_is_refused_with_a_message"] = new("Step name must be at most 255 characters.", (h, t) =>
            h.Call<ProductService, Result>(s => s.SaveDraftAsync(t.OwnerId, t.ProductId,
                new ProductInput { Name = t.ProductName }, [new StepInput { Name = new string('s', 256) }]))),
        ["Over_long_production_client_is_refused_with_a_message"] = new("Client must be at most 120 characters.", async (h, t) =>
            await h.Call<ProductionService, Result<Guid>>(s => s.LaunchAsync(t.OwnerId, new LaunchInput { ProductId = t.ProductId, Client = new string('c', 121) }))),
        ["Over_long_day_off_note_is_refused_with_a_message"] = new("The note must be at most 200 characters.", (h, t) =>
            h.Call<DayOffService, Result>(s => s.AddAsync(t.OwnerId, t.Performer.Id, DateTime.UtcNow.AddDays(40), DateTime.UtcNow.AddDays(41), new string('n', 201)))),
        ["Over_long_fail_reason_is_refused_with_a_message"] = new("Give a reason (up to 200 characters)", (h, t) =>
            h.Call<TaskService, Result>(s => s.FailAsync(t.OwnerId, t.DoneTaskId, new string('r', 201), null))),
        ["Over_long_fail_comment_is_refused_with_a_message"] = new("the comment may have up to 1,000", (h, t) =>
            h.Call<TaskService, Result>(s => s.FailAsync(t.OwnerId, t.DoneTaskId, "Bad weld", new string('c', 1001)))),
        ["Over_long_password_is_refused_with_a_message"] = new("At most 128 characters.", (h, t) =>
            h.Call<UserAdministration, Result>(s => s.SetPasswordAsync(t.OwnerId, t.Performer.Id,
                new NewPasswordInput { Password = "Aa1" + new string('x', 126), ConfirmPassword = "Aa1" + new string('x', 126) }))),
        // The reset service takes the password bare, without the input record's length attribute: the validator alone refuses it.
        ["Over_long_password_by_reset_link_is_refused_with_a_message"] = new("At most 128 characters.", async (h, t) =>
            await h.Call<AccountFlows, Result>(async s => await s.ResetPasswordAsync(t.Performer.Email!, await h.ResetCodeAsync(t.Performer.Id), LongPassphrase + "x"))),
    };

    /// <summary>128 characters of words: the longest password accepted; one more is refused, never cut.</summary>
    private const string LongPassphrase =
        "lantern orbit meadow cobalt whisper velvet harbor pebble sunrise lantern orbit meadow cobalt whisper velvet harbor pebble sunrise";

    public static IEnumerable<TheoryDataRow<string>> OverLongCases() => Rows(OverLongInputs.Keys);

    [Theory]
    [MemberData(nameof(OverLongCases))]
    public async Task Over_long_input_is_refused_and_nothing_is_saved(string rule)
    {
        var tenant = await SharedAsync();
        var before = await DbFingerprint.TakeAsync(host, tenant.Id);

        var result = await OverLongInputs[rule].Run(host, tenant);

        Assert.False(result.Succeeded, $"{rule}: the over-long value was accepted.");
        Assert.Contains(OverLongInputs[rule].Message, string.Join(" ", result.FieldErrors.Values.Append(result.Error ?? "")));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, tenant.Id));
    }

    private static readonly Dictionary<string, Func<AppHost, Tenant, string, Task<Result>>> MarkupRefused = new()
    {
        ["Markup_in_a_first_name_is_refused"] = (h, t, m) => h.Call<UserAdministration, Result>(s => s.UpdateProfileAsync(t.OwnerId, t.Performer.Id, Profile(first: m))),
        ["Markup_in_a_last_name_is_refused"] = (h, t, m) => h.Call<UserAdministration, Result>(s => s.UpdateProfileAsync(t.OwnerId, t.Performer.Id, Profile(last: m))),
        ["Markup_in_an_own_name_is_refused"] = (h, t, m) => h.Call<UserAdministration, Result>(s => s.UpdateProfileAsync(t.Performer.Id, t.Performer.Id, Profile(first: m))),
        ["Markup_in_a_phone_number_is_refused"] = (h, t, m) => h.Call<UserAdministration, Result>(s => s.UpdateProfileAsync(t.OwnerId, t.Performer.Id, Profile(phone: m))),
        ["Markup_in_an_external_id_is_refused"] = (h, t, m) => h.Call<UserAdministration, Result>(s => s.UpdateProfileAsync(t.OwnerId, t.Performer.Id, Profile(externalId: m))),
        ["Markup_in_the_name_of_an_invited_user_is_refused"] = async (h, t, m) => await h.Call<UserAdministration, Result<string>>(s =>
            s.InviteAsync(t.OwnerId, new InviteUserInput { Email = $"xss-{t.Tag}@test.hesh", FirstName = m, LastName = "Guest" })),
        ["Markup_in_the_email_of_an_invited_user_is_refused"] = async (h, t, m) => await h.Call<UserAdministration, Result<string>>(s =>
            s.InviteAsync(t.OwnerId, new InviteUserInput { Email = $"{m}@test.hesh", FirstName = "Mail", LastName = "Guest" })),
        ["Markup_in_the_company_name_is_refused"] = (h, t, m) => h.Call<CompanyService, Result>(s => s.UpdateAsync(t.OwnerId, CompanyProfile(m))),
        ["Markup_in_a_department_name_is_refused"] = (h, t, m) => h.Call<PositionService, Result>(s => s.AddDepartmentAsync(t.OwnerId, m, null)),
        ["Markup_in_a_department_rename_is_refused"] = (h, t, m) => h.Call<PositionService, Result>(s => s.RenameDepartmentAsync(t.OwnerId, t.DepartmentId, m)),
        ["Markup_in_a_position_name_is_refused"] = (h, t, m) => h.Call<PositionService, Result>(s => s.AddPositionAsync(t.OwnerId, m)),
        ["Markup_in_a_position_rename_is_refused"] = (h, t, m) => h.Call<PositionService, Result>(s => s.RenamePositionAsync(t.OwnerId, t.PositionId, m)),
        ["Markup_in_a_product_name_is_refused"] = async (h, t, m) => await h.Call<ProductService, Result<Guid>>(s => s.CreateAsync(t.OwnerId, new ProductInput { Name = m })),
        ["Markup_in_a_product_rename_is_refused"] = (h, t, m) => h.Call<ProductService, Result>(s =>
            s.SaveDraftAsync(t.OwnerId, t.ProductId, new ProductInput { Name = m }, [new StepInput { Name = "Cut" }])),
        ["Markup_in_a_step_name_is_refused"] = (h, t, m) => h.Call<ProductService, Result>(s =>
            s.SaveDraftAsync(t.OwnerId, t.ProductId, new ProductInput { Name = t.ProductName }, [new StepInput { Name = m }])),
        ["Markup_in_a_production_client_is_refused"] = async (h, t, m) => await h.Call<ProductionService, Result<Guid>>(s =>
            s.LaunchAsync(t.OwnerId, new LaunchInput { ProductId = t.ProductId, Client = m })),
    };

    public static IEnumerable<TheoryDataRow<string>> MarkupRefusedCases() => Rows(MarkupRefused.Keys);

    /// <summary>Names, titles and keys never hold markup: each of the payloads is refused and nothing is saved.</summary>
    [Theory]
    [MemberData(nameof(MarkupRefusedCases))]
    public async Task Markup_in_a_name_field_is_refused_and_nothing_is_saved(string rule)
    {
        var tenant = await SharedAsync();
        var before = await DbFingerprint.TakeAsync(host, tenant.Id);

        foreach (var payload in Markup)
        {
            var result = await MarkupRefused[rule](host, tenant, payload);
            Assert.False(result.Succeeded, $"{rule}: {payload} was accepted.");
            Assert.NotNull(result.Error);
        }

        Assert.Equal(before, await DbFingerprint.TakeAsync(host, tenant.Id));
    }

    /// <summary>The form of a value as it must appear in HTML: encoded, never the raw tag.</summary>
    private static void AssertRenderedEncoded(string html, string value)
    {
        Assert.Contains(HtmlEncoder.Default.Encode(value), html);
        Assert.DoesNotContain(value, html);
    }

    [Fact]
    public async Task Markup_in_a_day_off_note_is_stored_as_typed_and_rendered_encoded()
    {
        var tenant = await Tenant.CreateAsync(host);
        var start = DateTime.UtcNow.Date.AddDays(60).AddHours(8);
        for (var i = 0; i < Markup.Length; i++)
        {
            var at = start.AddDays(i);
            var payload = Markup[i];
            var added = await host.Call<DayOffService, Result>(s => s.AddAsync(tenant.OwnerId, tenant.Performer.Id, at, at.AddHours(8), payload));
            Assert.True(added.Succeeded, added.Error);
        }
        using var admin = await host.SignedInAsync(tenant.Company.OwnerEmail);

        var html = await admin.GetPageAsync($"/users/{tenant.Performer.Id}?tab=dayoffs");

        var notes = await host.DbAsync(db => db.DayOffs.Where(d => d.UserId == tenant.Performer.Id).Select(d => d.Note).ToListAsync());
        foreach (var payload in Markup)
        {
            Assert.Contains(payload, notes);
            AssertRenderedEncoded(html, payload);
        }
    }

    [Fact]
    public async Task Markup_in_a_product_description_is_stored_as_typed_and_rendered_encoded()
    {
        var company = await host.CreateCompanyAsync();
        var description = string.Join(" ", Markup);
        var product = await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(company.OwnerId, new ProductInput { Name = "Gate", Description = description }));
        Assert.True(product.Succeeded, product.Error);
        using var admin = await host.SignedInAsync(company.OwnerEmail);

        var html = await admin.GetPageAsync($"/products/{product.Value}");

        Assert.Equal(description, await host.DbAsync(db => db.Products.Where(p => p.Id == product.Value).Select(p => p.Description).SingleAsync()));
        AssertRenderedEncoded(html, description);
    }

    [Fact]
    public async Task Quotes_breaking_out_of_an_attribute_in_a_product_name_are_stored_as_typed_and_rendered_encoded()
    {
        var company = await host.CreateCompanyAsync();
        const string name = "Gate\" onfocus=\"alert(1)\" autofocus=\"";
        var product = await host.Call<ProductService, Result<Guid>>(s => s.CreateAsync(company.OwnerId, new ProductInput { Name = name }));
        Assert.True(product.Succeeded, product.Error);
        using var admin = await host.SignedInAsync(company.OwnerEmail);

        var html = await admin.GetPageAsync($"/products/{product.Value}");

        Assert.Equal(name, await host.DbAsync(db => db.Products.Where(p => p.Id == product.Value).Select(p => p.Name).SingleAsync()));
        AssertRenderedEncoded(html, name);
    }

    [Fact]
    public async Task Markup_in_a_fail_reason_and_comment_is_stored_as_typed_and_never_rendered_raw()
    {
        var tenant = await Tenant.CreateAsync(host);

        var failed = await host.Call<TaskService, Result>(s => s.FailAsync(tenant.OwnerId, tenant.DoneTaskId, Markup[0], Markup[1] + Markup[2]));

        Assert.True(failed.Succeeded, failed.Error);
        var stored = await host.DbAsync(db => db.TaskFailures.SingleAsync(f => f.TaskId == tenant.DoneTaskId));
        Assert.Equal((Markup[0], Markup[1] + Markup[2]), (stored.Reason, stored.Comment));
        using var admin = await host.SignedInAsync(tenant.Company.OwnerEmail);
        foreach (var path in new[] { $"/productions/{tenant.RunningProductionId}", "/tasks", "/my-tasks", "/analytics" })
        {
            var html = await admin.GetPageAsync(path);
            Assert.All(Markup, payload => Assert.DoesNotContain(payload, html));
        }
    }

    [Fact]
    public async Task Markup_in_the_no_access_return_url_is_not_reflected_at_all()
    {
        var company = await host.CreateCompanyAsync();
        using var session = await host.SignedInAsync(company.OwnerEmail);
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var html = await session.GetPageAsync($"/no-access?ReturnUrl={Uri.EscapeDataString(Markup[1])}");

        // Not even encoded: the page names only a page Hesh has (AddressAttacks).
        Assert.Contains("data-testid=\"no-access\"", html);
        Assert.DoesNotContain(Markup[1], html);
        Assert.DoesNotContain(HtmlEncoder.Default.Encode(Markup[1]), html);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Markup_typed_as_the_sign_in_email_is_echoed_encoded_and_signs_nobody_in()
    {
        var company = await host.CreateCompanyAsync();
        using var session = new BrowserSession(host);
        var email = $"{Markup[2]}@test.hesh";
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var html = await (await session.SignInAsync(email, TestCompany.Password)).Content.ReadAsStringAsync();

        AssertRenderedEncoded(html, Markup[2]);
        Assert.False(await session.IsSignedInAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Markup_in_the_company_name_at_sign_up_is_refused_echoed_encoded_and_creates_nothing()
    {
        var email = $"xss-founder-{Guid.NewGuid():N}@test.hesh";
        var name = $"Acme {Markup[1]}";
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, [], [email], [name]);

        var html = await (await session.SubmitAsync("/Account/SignUp", "signup", new Dictionary<string, string>
        {
            ["Input.CompanyName"] = name, ["Input.FirstName"] = "Sam", ["Input.LastName"] = "Founder",
            ["Input.Email"] = email, ["Input.Password"] = "Strong-pass-1", ["Input.ConfirmPassword"] = "Strong-pass-1",
        })).Content.ReadAsStringAsync();

        Assert.Contains("Company name may contain", html);
        AssertRenderedEncoded(html, Markup[1]);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, [], [email], [name]));
    }

    [Fact]
    public async Task Over_long_company_name_at_sign_up_bypassing_maxlength_is_refused_and_creates_nothing()
    {
        var email = $"long-founder-{Guid.NewGuid():N}@test.hesh";
        var name = new string('A', 101);
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, [], [email], [name]);

        var response = await session.SubmitAsync("/Account/SignUp", "signup", new Dictionary<string, string>
        {
            ["Input.CompanyName"] = name, ["Input.FirstName"] = "Sam", ["Input.LastName"] = "Founder",
            ["Input.Email"] = email, ["Input.Password"] = "Strong-pass-1", ["Input.ConfirmPassword"] = "Strong-pass-1",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Company name must be at most 100 characters.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, [], [email], [name]));
    }

    // ---- Passwords refused by the rules, on every path that sets one (ASVS 5 V6.2) ----

    /// <summary>
    /// A way a password gets set for <c>Target</c>: <c>Open</c> prepares it (an invitation link, a reset code, a
    /// signed-in session), and the function it returns submits one password, as a browser would where there is a page,
    /// and gives back what the person is shown.
    /// </summary>
    private sealed record PasswordPath(Func<Tenant, Hesh.Core.Users.HeshUser> Target, Func<AppHost, Tenant, Task<Func<string, Task<string>>>> Open);

    private static async Task<string> ShownAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static readonly Dictionary<string, PasswordPath> PasswordPaths = new()
    {
        ["invitation_page"] = new(t => t.Pending, async (h, t) =>
        {
            var path = InvitationPath(t.Pending.Id, await h.IssueInvitationAsync(t.Pending.Id));
            return async password =>
            {
                using var session = new BrowserSession(h);
                return await ShownAsync(await session.SubmitAsync(path, "invitation", NewPassword(password)));
            };
        }),
        ["reset_page"] = new(t => t.Performer, async (h, t) =>
        {
            var path = ResetPath(t.Performer.Email!, await h.ResetCodeAsync(t.Performer.Id));
            return async password =>
            {
                using var session = new BrowserSession(h);
                return await ShownAsync(await session.SubmitAsync(path, "reset-password", NewPassword(password)));
            };
        }),
        ["change_password_page"] = new(t => t.Performer, async (h, t) =>
        {
            var session = await h.SignedInAsync(t.Performer.Email!);
            return async password =>
            {
                using (session)
                {
                    return await ShownAsync(await session.SubmitAsync("/Account/ChangePassword", "change-password", new Dictionary<string, string>
                    {
                        ["Input.CurrentPassword"] = TestCompany.Password, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
                    }));
                }
            };
        }),
        ["admins_create_new_password"] = new(t => t.Performer, (h, t) => Task.FromResult<Func<string, Task<string>>>(async password =>
        {
            var result = await h.Call<UserAdministration, Result>(s => s.SetPasswordAsync(t.OwnerId, t.Performer.Id,
                new NewPasswordInput { Password = password, ConfirmPassword = password }));
            Assert.False(result.Succeeded);
            return string.Join(" ", result.FieldErrors.Values.Append(result.Error ?? ""));
        })),
    };

    /// <summary>What is typed, and the sentence that must refuse it; {first} is the target's first name.</summary>
    private static readonly Dictionary<string, (string Password, string Message)> RefusedPasswords = new()
    {
        ["Password1!"] = ("Password1!", "This password is one of the most common ones"),
        ["Qwerty123!"] = ("Qwerty123!", "This password is one of the most common ones"),
        ["first_name_in_it"] = ("{first}-cobalt-harbor-7", "Don't use your name, email or company name in your password."),
        ["129_characters"] = (LongPassphrase + "x", "At most 128 characters."),
    };

    public static IEnumerable<TheoryDataRow<string>> RefusedPasswordCases() =>
        Rows(PasswordPaths.Keys.SelectMany(path => RefusedPasswords.Keys.Select(password => $"Password_{password}_is_refused_on_the_{path}")));

    [Theory]
    [MemberData(nameof(RefusedPasswordCases))]
    public async Task Password_the_rules_refuse_is_refused_with_its_reason_and_nothing_is_saved(string rule)
    {
        var tenant = await SharedAsync();
        var path = PasswordPaths.Single(p => rule.EndsWith($"_on_the_{p.Key}", StringComparison.Ordinal)).Value;
        var (password, message) = RefusedPasswords.Single(p => rule.StartsWith($"Password_{p.Key}_", StringComparison.Ordinal)).Value;
        var submit = await path.Open(host, tenant);
        var before = await DbFingerprint.TakeAsync(host, tenant.Id);

        var shown = await submit(password.Replace("{first}", path.Target(tenant).FirstName.ToLowerInvariant()));

        Assert.Contains(message, shown);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, tenant.Id));
    }

    [Fact]
    public async Task Password_built_on_the_company_name_at_sign_up_is_refused_before_the_company_exists_and_creates_nothing()
    {
        var email = $"founder-{Guid.NewGuid():N}@test.hesh";
        var name = $"Kestrel Forge {Guid.NewGuid():N}"[..20];
        using var session = new BrowserSession(host);
        var before = await DbFingerprint.TakeAsync(host, [], [email], [name]);

        var shown = await ShownAsync(await session.SubmitAsync("/Account/SignUp", "signup", new Dictionary<string, string>
        {
            ["Input.CompanyName"] = name, ["Input.FirstName"] = "Sam", ["Input.LastName"] = "Founder",
            ["Input.Email"] = email, ["Input.Password"] = "Kestrel-cobalt-harbor", ["Input.ConfirmPassword"] = "Kestrel-cobalt-harbor",
        }));

        Assert.Contains("Don't use your name, email or company name in your password.", shown);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, [], [email], [name]));
    }

    private static readonly byte[] Svg = Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(document.cookie)</script></svg>");

    private static readonly byte[] HtmlNamedPng = Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script></body></html>");

    private static readonly byte[] Gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B];

    private static byte[] Oversize() => [.. TinyPng, .. new byte[UserPhoto.MaxBytes + 1 - TinyPng.Length]];

    private sealed record Upload(string Field, string Message, Func<AppHost, Tenant, Task<Result>> Run);

    private static Func<AppHost, Tenant, Task<Result>> Photo(Func<byte[]> content) =>
        (h, t) => h.Call<UserAdministration, Result>(s => s.SetPhotoAsync(t.OwnerId, t.Performer.Id, content()));

    private static Func<AppHost, Tenant, Task<Result>> Logo(Func<byte[]> content) =>
        (h, t) => h.Call<CompanyService, Result>(s => s.SetLogoAsync(t.OwnerId, content()));

    private static readonly Dictionary<string, Upload> Uploads = new()
    {
        ["Photo_larger_than_2_MB_is_refused"] = new("Photo", "larger than 2 MB", Photo(Oversize)),
        ["Photo_that_is_an_SVG_with_script_is_refused"] = new("Photo", "Only PNG, JPEG or WEBP", Photo(() => Svg)),
        ["Photo_whose_bytes_are_HTML_though_named_png_is_refused"] = new("Photo", "Only PNG, JPEG or WEBP", Photo(() => HtmlNamedPng)),
        ["Photo_of_an_unsupported_image_type_is_refused"] = new("Photo", "Only PNG, JPEG or WEBP", Photo(() => Gif)),
        ["Photo_that_is_empty_is_refused"] = new("Photo", "The file is empty.", Photo(() => [])),
        ["Own_photo_that_is_an_SVG_with_script_is_refused"] = new("Photo", "Only PNG, JPEG or WEBP", (h, t) =>
            h.Call<UserAdministration, Result>(s => s.SetPhotoAsync(t.Performer.Id, t.Performer.Id, Svg))),
        ["Logo_larger_than_2_MB_is_refused"] = new("Logo", "larger than 2 MB", Logo(Oversize)),
        ["Logo_that_is_an_SVG_with_script_is_refused"] = new("Logo", "Only PNG, JPEG or WEBP", Logo(() => Svg)),
        ["Logo_whose_bytes_are_HTML_though_named_png_is_refused"] = new("Logo", "Only PNG, JPEG or WEBP", Logo(() => HtmlNamedPng)),
    };

    public static IEnumerable<TheoryDataRow<string>> UploadCases() => Rows(Uploads.Keys);

    [Theory]
    [MemberData(nameof(UploadCases))]
    public async Task Upload_that_is_not_a_small_real_image_is_refused_and_nothing_is_saved(string rule)
    {
        var tenant = await SharedAsync();
        var before = await DbFingerprint.TakeAsync(host, tenant.Id);

        var result = await Uploads[rule].Run(host, tenant);

        Assert.False(result.Succeeded, $"{rule}: the file was accepted.");
        Assert.Contains(Uploads[rule].Message, result.FieldErrors[Uploads[rule].Field]);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, tenant.Id));
    }
}
