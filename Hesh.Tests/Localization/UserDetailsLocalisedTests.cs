using System.Collections.Concurrent;
using System.Globalization;
using Bunit;
using Hesh.Core.Common.Localization;
using Hesh.Core.Data;
using Hesh.Core.DayOffs;
using Hesh.Core.Permissions;
using Hesh.Core.Users;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Hesh.Tests.Localization;

/// <summary>A user's page — General, Security and Day-offs tabs, the transfer dialog — in English and in Ukrainian: the words change, and no lookup comes back as a bare key.</summary>
public sealed class UserDetailsLocalisedTests : LocalisedComponentTest
{
    private async Task<(HeshUser Owner, UserDetails Self, UserDetails Person)> SeedAsync(string? companyZone = null)
    {
        var (owner, people) = await SeedCompanyAsync("Olga", ("Anna", "Novak", false, null));
        if (companyZone is not null)
        {
            await WithDbAsync(s => s.GetRequiredService<HeshDbContext>().Companies.Where(c => c.Id == owner.CompanyId)
                .ExecuteUpdateAsync(x => x.SetProperty(c => c.TimeZone, companyZone)));
        }
        var self = await WithDbAsync(s => s.GetRequiredService<UserQueries>().GetAsync(owner.Id, owner.Id));
        var person = await WithDbAsync(s => s.GetRequiredService<UserQueries>().GetAsync(owner.Id, people[0].Id));
        SignInAs(owner.Id);
        return (owner, self!, person!);
    }

    [Theory]
    [InlineData("en", "First name", "Phone number", "Status", "Preferences", "Follow the system")]
    [InlineData("uk", "Ім’я", "Номер телефону", "Статус", "Налаштування", "Як у системі")]
    public async Task GeneralTab_OnOnesOwnProfile_SpeaksTheReadersLanguage_AndNamesEachLanguageInItsOwnName(
        string language, string firstName, string phone, string status, string preferences, string system)
    {
        var (_, self, _) = await SeedAsync();
        Speak(language);
        Render<MudPopoverProvider>();

        var tab = Render<GeneralTab>(p => p.Add(t => t.User, self));
        tab.WaitForElement("[data-testid=pref-theme]");

        var info = tab.Find("[data-testid=general-info]").TextContent;
        Assert.Contains(firstName, info);
        Assert.Contains(phone, info);
        Assert.Contains(status, tab.Markup);
        Assert.Contains(preferences, tab.Find("[data-testid=preferences]").TextContent);
        Assert.Contains(system, tab.Find("[data-testid=pref-theme]").TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("uk")]
    public void PreferencesSection_LanguageChoices_AreEachInTheirOwnName_InEitherCulture(string language)
    {
        Speak(language);
        var localizer = Lookups.Create(typeof(Hesh.Web.Components.Preferences.PreferencesSection));

        Assert.Equal("English", localizer["Language.English"]);
        Assert.Equal("Українська", localizer["Language.Ukrainian"]);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Your password", "Two-factor sign-in", "Passkeys", "Active sessions", "Sign-in history")]
    [InlineData("uk", "Ваш пароль", "Двофакторна автентифікація", "Ключі доступу", "Активні сеанси", "Історія входів")]
    public async Task SecurityTab_OnOnesOwnProfile_SpeaksTheReadersLanguage_InEverySection(
        string language, string password, string twoFactor, string passkeys, string sessions, string history)
    {
        var (_, self, _) = await SeedAsync();
        Speak(language);
        Render<MudPopoverProvider>();

        var tab = Render<SecurityTab>(p => p.Add(t => t.User, self));
        tab.WaitForElement("[data-testid=two-factor-summary]");
        tab.WaitForAssertion(() => Assert.Empty(tab.FindAll("[data-testid=sign-in-history] .mud-progress-linear")));

        Assert.Contains(password, tab.Markup);
        Assert.Contains(twoFactor, tab.Find("[data-testid=two-factor-section] h2").TextContent);
        Assert.Contains(passkeys, tab.Find("#passkeys-heading").TextContent);
        Assert.Contains(sessions, tab.Find("#sessions-heading").TextContent);
        Assert.Contains(history, tab.Find("#sign-in-history-heading").TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Password", "Send reset link", "Require a new password")]
    [InlineData("uk", "Пароль", "Надіслати посилання для скидання", "Вимагати новий пароль")]
    public async Task SecurityTab_OfAnotherUser_SpeaksTheReadersLanguage_InItsPasswordActions(string language, string heading, string resetLink, string require)
    {
        var (_, _, person) = await SeedAsync();
        Speak(language);
        Render<MudPopoverProvider>();

        var tab = Render<SecurityTab>(p => p.Add(t => t.User, person));
        tab.WaitForElement("[data-testid=two-factor-summary]");

        Assert.Contains(heading, tab.Find("h2").TextContent);
        Assert.Contains(resetLink, tab.Find("[data-testid=send-reset-link]").TextContent);
        Assert.Contains(require, tab.Markup);
        Assert.Contains(language == "uk" ? "Anna не використовує ні застосунку автентифікації, ні ключа доступу." : "Anna uses neither an authenticator app nor a passkey.",
            tab.Find("[data-testid=two-factor-summary]").TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Add a day-off", "From (time, Europe/Kyiv)", "From (Europe/Kyiv)", "Note")]
    [InlineData("uk", "Додати вихідний", "З (час, Europe/Kyiv)", "З (Europe/Kyiv)", "Примітка")]
    public async Task DayOffsTab_SpeaksTheReadersLanguage_AndNamesTheZones(string language, string add, string timeLabel, string column, string note)
    {
        var (owner, _, person) = await SeedAsync("Europe/Kyiv");
        await WithDbAsync(s => s.GetRequiredService<DayOffService>().AddAsync(owner.Id, person.Id,
            DateTime.UtcNow.Date.AddDays(3).AddHours(6), DateTime.UtcNow.Date.AddDays(4).AddHours(6), "Trip"));
        Speak(language);
        Render<MudPopoverProvider>();

        var tab = Render<DayOffsTab>(p => p.Add(t => t.User, person));
        tab.WaitForElement("[data-testid=dayoff-from]");

        Assert.Contains(add, tab.Markup);
        Assert.Contains(timeLabel, tab.Markup);
        var head = tab.Find("[data-testid=dayoffs-table] thead").TextContent;
        Assert.Contains(column, head);
        Assert.Contains(note, head);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "No day-offs", "Add")]
    [InlineData("uk", "Вихідних немає", "Додати")]
    public async Task DayOffsTab_WithNone_SaysSoInTheReadersLanguage(string language, string empty, string button)
    {
        var (_, _, person) = await SeedAsync();
        Speak(language);
        Render<MudPopoverProvider>();

        var tab = Render<DayOffsTab>(p => p.Add(t => t.User, person));
        tab.WaitForAssertion(() => Assert.Contains(empty, tab.Markup));

        Assert.Equal(button, tab.Find("[data-testid=dayoff-add]").TextContent.Trim());
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Transfer ownership to Anna Novak?", "Anna Novak becomes the Company owner", "Cancel", "Transfer ownership")]
    [InlineData("uk", "Передати право власності користувачу Anna Novak?", "Anna Novak стане власником компанії", "Скасувати", "Передати право власності")]
    public async Task TransferOwnershipDialog_SpeaksTheReadersLanguage(string language, string title, string body, string cancel, string confirm)
    {
        Speak(language);
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        await provider.InvokeAsync(() => dialogs.ShowAsync<TransferOwnershipDialog>("", new DialogParameters<TransferOwnershipDialog> { { d => d.User, Details() } }));

        provider.WaitForElement("[data-testid=transfer-confirm]");
        Assert.Contains(title, provider.Find(".mud-dialog-title").TextContent);
        Assert.Contains(body, provider.Find(".mud-dialog-content").TextContent);
        Assert.Contains(cancel, provider.Find(".mud-dialog-actions").TextContent);
        Assert.Contains(confirm, provider.Find("[data-testid=transfer-confirm]").TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData(1, "Завершено 1 інший сеанс.")]
    [InlineData(3, "Завершено 3 інші сеанси.")]
    [InlineData(5, "Завершено 5 інших сеансів.")]
    [InlineData(11, "Завершено 11 інших сеансів.")]
    [InlineData(21, "Завершено 21 інший сеанс.")]
    public void SessionsSignedOut_InUkrainian_TakeTheFormOfTheirNumber(int count, string expected)
    {
        Speak("uk");
        var localizer = Lookups.Create(typeof(SessionsSection));

        Assert.Equal(expected, localizer.Plural("Others.Done", count));
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData(1, "1 other session was signed out.")]
    [InlineData(2, "2 other sessions were signed out.")]
    public void SessionsSignedOut_InEnglish_KeepTheirWords(int count, string expected)
    {
        Speak("en");
        Assert.Equal(expected, Lookups.Create(typeof(SessionsSection)).Plural("Others.Done", count));
    }

    [Theory]
    [InlineData(1, "Увімкнено · залишився 1 код відновлення")]
    [InlineData(4, "Увімкнено · залишилося 4 коди відновлення")]
    [InlineData(10, "Увімкнено · залишилося 10 кодів відновлення")]
    public void RecoveryCodesLeft_InUkrainian_TakeTheFormOfTheirNumber(int count, string expected)
    {
        Speak("uk");
        Assert.Equal(expected, Lookups.Create(typeof(TwoFactorSection)).Plural("Authenticator.On", count));
    }

    [Theory]
    [InlineData("en", "Date and time (Kyiv", "Times are Kyiv")]
    [InlineData("uk", "Дата й час (Kyiv", "Час указано за поясом Kyiv")]
    public async Task GrantUntilMenu_ReadsAndShowsTimesOnTheViewersClock_NamingTheZone(string language, string label, string caption)
    {
        await SeedAsync("Europe/Kyiv");
        Speak(language);
        var chosen = new List<DateTime>();
        Render<MudPopoverProvider>();

        var menu = Render<GrantUntilMenu>(p => p.Add(m => m.Title, "Analytics")
            .Add(m => m.OnChosen, (Action<(DateTime EndsAt, TaskScope? Level)>)(c => chosen.Add(c.EndsAt))));
        menu.WaitForAssertion(() => Assert.Contains(caption, menu.Markup));
        Assert.Contains(label, menu.Markup);

        var kyiv = TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv");
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(3), kyiv);
        local = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
        menu.Find("input[data-testid=until-custom]").Input(local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        menu.Find("button[data-testid=until-custom-apply]").Click();

        Assert.Equal([TimeZoneInfo.ConvertTimeToUtc(local, kyiv)], chosen);
        Assert.Empty(Lookups.Missing);
    }
}
