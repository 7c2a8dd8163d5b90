using System.Net;
using Hesh.Core.Audit;
using Hesh.Core.Common;
using Hesh.Core.Companies;
using Hesh.Core.Preferences;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Hesh.Tests.Preferences;

/// <summary>
/// A person's own language, time zone and theme, and the company's defaults: what is stored is always a code or zone
/// Hesh knows, a person changes only their own, the company's defaults need "Company profile" and are audited.
/// </summary>
public sealed class PreferenceServiceTests(AppHost host)
{
    private Task<Result> SetMine(string actor, string user, string? language, string? zone, Theme theme = Theme.System) =>
        host.Call<PreferenceService, Result>(s => s.SetMineAsync(actor, user, new PersonalPreferences(language, zone, theme)));

    private Task<Result> SetCompany(string actor, string? language, string? zone) =>
        host.Call<PreferenceService, Result>(s => s.SetCompanyAsync(actor, new CompanyPreferences(language, zone!)));

    [Fact]
    public async Task A_person_saves_their_own_language_zone_and_theme_and_reads_them_back()
    {
        var company = await host.CreateCompanyAsync();
        var worker = await company.AddUserAsync("Wanda");

        var result = await SetMine(worker.Id, worker.Id, "uk", "Europe/Kyiv", Theme.Dark);

        Assert.True(result.Succeeded, result.Error);
        var mine = (await host.Call<PreferenceService, MyPreferences?>(s => s.GetMineAsync(worker.Id)))!;
        Assert.Equal(new PersonalPreferences("uk", "Europe/Kyiv", Theme.Dark), mine.Mine);
        var viewer = await host.Call<ViewerPreferenceQuery, ViewerPreferences?>(q => q.ForAsync(worker.Id));
        Assert.Equal(new ViewerPreferences("uk", null, "Europe/Kyiv", "UTC", Theme.Dark), viewer);
    }

    [Fact]
    public async Task Follow_the_company_is_stored_as_no_choice_and_shows_what_the_company_currently_uses()
    {
        var company = await host.CreateCompanyAsync();
        var worker = await company.AddUserAsync("Wanda");
        Assert.True((await SetCompany(company.OwnerId, "uk", "America/New_York")).Succeeded);
        Assert.True((await SetMine(worker.Id, worker.Id, "en", "Asia/Tokyo", Theme.Light)).Succeeded);

        Assert.True((await SetMine(worker.Id, worker.Id, null, null, Theme.System)).Succeeded);

        var stored = (await host.FindUserAsync(worker.Id))!;
        Assert.Equal((null, null, Theme.System), (stored.Language, stored.TimeZone, stored.Theme));
        var mine = (await host.Call<PreferenceService, MyPreferences?>(s => s.GetMineAsync(worker.Id)))!;
        Assert.Equal(("uk", "America/New_York"), (mine.CompanyLanguage, mine.CompanyTimeZone));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("uk-UA")]
    [InlineData("EN")]
    [InlineData("<script>")]
    public async Task An_unknown_language_is_refused_with_a_message_and_changes_nothing(string language)
    {
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await SetMine(company.OwnerId, company.OwnerId, language, "Europe/Kyiv", Theme.Dark);

        Assert.Equal(PreferenceService.UnknownLanguage, Assert.Single(result.FieldErrors).Value);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("+02:00")]
    [InlineData("../../etc/passwd")]
    public async Task An_unknown_time_zone_is_refused_with_a_message_and_changes_nothing(string zone)
    {
        var company = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var mine = await SetMine(company.OwnerId, company.OwnerId, "uk", zone, Theme.Dark);
        var theirs = await SetCompany(company.OwnerId, "uk", zone);

        Assert.Equal(PreferenceService.UnknownTimeZone, Assert.Single(mine.FieldErrors).Value);
        Assert.Equal(PreferenceService.UnknownTimeZone, Assert.Single(theirs.FieldErrors).Value);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task Even_an_admin_cannot_change_a_colleagues_preferences()
    {
        var company = await host.CreateCompanyAsync();
        var worker = await company.AddUserAsync("Wanda");
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await SetMine(company.OwnerId, worker.Id, "uk", "Europe/Kyiv", Theme.Dark);

        Assert.Equal(PreferenceService.OnlyYourOwn, result.Error);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task A_user_of_another_company_is_not_found_and_unchanged()
    {
        var company = await host.CreateCompanyAsync();
        var other = await host.CreateCompanyAsync();
        var before = await DbFingerprint.TakeAsync(host, company.Id, other.Id);

        var result = await SetMine(other.OwnerId, company.OwnerId, "uk", "Europe/Kyiv", Theme.Dark);

        Assert.True(result.IsNotFound);
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id, other.Id));
    }

    [Fact]
    public async Task A_person_without_Company_profile_cannot_change_or_read_the_companys_language_and_zone()
    {
        var company = await host.CreateCompanyAsync();
        var worker = await company.AddUserAsync("Wanda");
        var before = await DbFingerprint.TakeAsync(host, company.Id);

        var result = await SetCompany(worker.Id, "uk", "Europe/Kyiv");

        Assert.Equal(PreferenceService.NeedsCompanyProfile, result.Error);
        Assert.Null(await host.Call<PreferenceService, CompanyPreferences?>(s => s.GetCompanyAsync(worker.Id)));
        Assert.Equal(before, await DbFingerprint.TakeAsync(host, company.Id));
    }

    [Fact]
    public async Task The_companys_language_and_zone_are_audited_one_entry_a_field_and_saving_the_same_again_adds_nothing()
    {
        var company = await host.CreateCompanyAsync();

        Assert.True((await SetCompany(company.OwnerId, "uk", "Europe/Kyiv")).Succeeded);
        Assert.True((await SetCompany(company.OwnerId, "uk", "Europe/Kyiv")).Succeeded);
        Assert.True((await SetCompany(company.OwnerId, null, "Europe/Kyiv")).Succeeded);

        var entries = await host.DbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.CompanyId == company.Id && e.Action == AuditAction.CompanyProfileChanged).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
            [("Default language", "Browser's language", "Українська"), ("Time zone", "UTC", "Europe/Kyiv"), ("Default language", "Українська", "Browser's language")],
            entries.Select(e => (e.What, e.Before!, e.After!)));
        Assert.All(entries, e => Assert.Equal(company.OwnerId, e.ActorId));
        var stored = await host.DbAsync(db => db.Companies.AsNoTracking().SingleAsync(c => c.Id == company.Id));
        Assert.Equal((null, "Europe/Kyiv"), (stored.DefaultLanguage, stored.TimeZone));
    }

    [Fact]
    public async Task An_unknown_person_has_no_stored_preferences_so_the_page_follows_the_system()
    {
        Assert.Null(await host.Call<ViewerPreferenceQuery, ViewerPreferences?>(q => q.ForAsync("no-such-user")));
        Assert.Equal("system", Hesh.Web.Preferences.RequestPreferences.ThemeAttribute(Theme.System));
        Assert.Equal("dark", Hesh.Web.Preferences.RequestPreferences.ThemeAttribute(Theme.Dark));
    }

    [Theory]
    [InlineData("Europe/Kyiv", "Europe/Kyiv")]
    [InlineData("Mars/Olympus_Mons", "UTC")]
    [InlineData("", "UTC")]
    public async Task A_new_company_starts_in_its_owners_browser_zone_and_an_unknown_zone_is_UTC(string browserZone, string expected)
    {
        var email = $"zone-{Guid.NewGuid():N}@test.hesh";
        var result = await host.Call<SignUpService, Result<HeshUser>>(s => s.SignUpAsync(new SignUpInput
        {
            CompanyName = $"Zone Works {Guid.NewGuid().ToString("N")[..6]}", FirstName = "Zed", LastName = "Zone", Email = email,
            Password = "Strong-pass-1", ConfirmPassword = "Strong-pass-1", TimeZone = browserZone,
        }));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected, await host.DbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Company!.TimeZone).SingleAsync()));
    }

    [Fact]
    public async Task The_sign_up_form_carries_the_browser_zone_through_the_emailed_link_to_the_new_company()
    {
        var email = $"zone-link-{Guid.NewGuid():N}@test.hesh";
        using var session = new BrowserSession(host);
        var form = new Dictionary<string, string>
        {
            ["Input.CompanyName"] = $"Zone Link {Guid.NewGuid().ToString("N")[..6]}", ["Input.FirstName"] = "Zoe", ["Input.LastName"] = "Link",
            ["Input.Email"] = email, ["Input.Password"] = "Strong-pass-1", ["Input.ConfirmPassword"] = "Strong-pass-1", ["Input.TimeZone"] = "Asia/Tokyo",
        };

        await session.SubmitAsync("/Account/SignUp", "signup", form);
        var mail = await Mailbox.WaitForAsync(host.PickupDirectory, email, m => m.Subject?.Contains("Confirm your email", StringComparison.Ordinal) == true);
        var link = new Uri(Mailbox.LinkIn(mail, "/Account/SignUp/Confirm")).PathAndQuery;
        var confirmed = await session.SubmitAsync(link, "signup-confirm", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("Asia/Tokyo", await host.DbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Company!.TimeZone).SingleAsync()));
    }
}
