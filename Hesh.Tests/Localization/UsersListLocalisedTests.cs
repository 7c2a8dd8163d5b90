using System.Collections.Concurrent;
using System.Globalization;
using Bunit;
using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Pages.Users;
using Hesh.Web.Components.Pages.Users.Import;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Hesh.Tests.Localization;

/// <summary>
/// The Users list and its dialogs in English and in Ukrainian: headers, filters, status chips, the selected count with
/// Ukrainian plural forms (1 / 2–4 / 5+), the empty state and the sort control speak the reader's language, and no
/// lookup comes back as a bare key.
/// </summary>
public sealed class UsersListLocalisedTests : LocalisedComponentTest
{
    private IRenderedComponent<UsersPage> Open(string address = "users")
    {
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<UsersPage>();
    }

    private static string Headers(IRenderedComponent<UsersPage> page) => string.Join(" | ", page.FindAll("thead th").Select(th => th.TextContent.Trim()));

    [Theory]
    [InlineData("en", "Users", "Name", "Last sign-in", "Status", "Search by name, email or phone", "Sort by", "Anyone", "Add user", "Active")]
    [InlineData("uk", "Користувачі", "Ім’я", "Останній вхід", "Статус", "Пошук за ім’ям, електронною поштою чи телефоном", "Сортувати за", "Будь-хто", "Додати користувача", "Активний")]
    public async Task TheUsersList_SpeaksTheReadersLanguage_InHeadersFiltersChipsAndSortControl(
        string language, string title, string name, string lastSignIn, string status, string search, string sortBy, string signIn, string add, string active)
    {
        var (owner, _) = await SeedCompanyAsync("Gina", ("Mo", "Member", false, null));
        SignInAs(owner.Id);
        Speak(language);

        var page = Open();

        page.WaitForAssertion(() => Assert.Contains("Mo Member", page.Markup));
        Assert.Equal(title, page.Find("h1").TextContent.Trim());
        var headers = Headers(page);
        Assert.Contains(name, headers);
        Assert.Contains(lastSignIn, headers);
        Assert.Contains(status, headers);
        Assert.Contains(page.FindAll("input"), input => input.GetAttribute("placeholder") == search);
        Assert.Contains(sortBy, page.Markup);
        Assert.Contains(signIn, page.Markup);
        Assert.Contains(add, page.Find("[data-testid=add-user]").TextContent);
        Assert.Contains(page.FindAll("[data-testid=status-chip]"), chip => chip.TextContent.Trim() == active);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", 1, "1 selected")]
    [InlineData("en", 2, "2 selected")]
    [InlineData("uk", 1, "1 вибраний")]
    [InlineData("uk", 2, "2 вибрані")]
    [InlineData("uk", 4, "4 вибрані")]
    [InlineData("uk", 5, "5 вибраних")]
    public async Task TheSelectedCount_UsesTheLanguagesPluralForms(string language, int people, string expected)
    {
        var others = Enumerable.Range(1, people - 1).Select(i => ($"P{(char)('a' + i)}", "Person", false, (AccessSet?)null)).ToArray();
        var (owner, _) = await SeedCompanyAsync("Gina", others);
        SignInAs(owner.Id);
        Speak(language);
        var page = Open();
        page.WaitForAssertion(() => Assert.Equal(people, page.FindAll("tbody tr a").Count));

        page.Find("[data-testid=select-shown]").Click();

        page.WaitForAssertion(() => Assert.Equal(expected, page.Find("[data-testid=selected-count]").TextContent.Trim()));
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "users?q=nobody-like-this", "No users match", "Try another name, email or phone number.")]
    [InlineData("uk", "users?q=nobody-like-this", "Немає відповідних користувачів", "Спробуйте інше ім’я, адресу електронної пошти чи номер телефону.")]
    [InlineData("en", "users?status=Inactive", "No users match", "Try clearing the status filter.")]
    [InlineData("uk", "users?status=Inactive", "Немає відповідних користувачів", "Спробуйте скинути фільтр «статус».")]
    [InlineData("uk", "users?q=nobody-like-this&status=Inactive&signin=never", "Немає відповідних користувачів", "Спробуйте інший пошук або скиньте фільтри: статус і вхід.")]
    public async Task TheEmptyState_SaysWhatToTry_InTheReadersLanguage(string language, string address, string title, string hint)
    {
        var (owner, _) = await SeedCompanyAsync("Gina");
        SignInAs(owner.Id);
        Speak(language);

        var page = Open(address);

        page.WaitForAssertion(() => Assert.Contains(title, page.Find("[data-testid=empty-state]").TextContent));
        Assert.Contains(hint, page.Find("[data-testid=empty-state]").TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Analytics (web access) · 1 user", "Source", "Admin")]
    [InlineData("uk", "Аналітика (веб-доступ) · 1 користувач", "Джерело", "Адміністратор")]
    public async Task AccessByPermission_SpeaksTheReadersLanguage(string language, string count, string source, string adminChip)
    {
        var (owner, _) = await SeedCompanyAsync("Gina");
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();
        Services.GetRequiredService<NavigationManager>().NavigateTo("users/access?permission=Web.Analytics");

        var page = Render<AccessByPermissionPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=holders-count]")));
        Assert.Equal(count, page.Find("[data-testid=holders-count]").TextContent.Trim());
        Assert.Contains(source, page.Find("[data-testid=holders-table] thead").TextContent);
        Assert.Equal(adminChip, page.Find("[data-testid=holder-name] .mud-chip").TextContent.Trim());
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Add user", "First name", "Add and invite")]
    [InlineData("uk", "Додати користувача", "Ім’я", "Додати й запросити")]
    public async Task TheAddUserDialog_SpeaksTheReadersLanguage(string language, string title, string firstName, string submit)
    {
        var (owner, _) = await SeedCompanyAsync("Gina");
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<InviteUserDialog>(""));

        dialogs.WaitForElement("[data-testid=invite-submit]");
        Assert.Contains(title, dialogs.Find(".mud-dialog-title").TextContent);
        Assert.Contains(firstName, dialogs.Markup);
        Assert.Contains(submit, dialogs.Find("[data-testid=invite-submit]").TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Import users", "Choose file", "(required)")]
    [InlineData("uk", "Імпорт користувачів", "Вибрати файл", "(обов’язкові)")]
    public async Task TheImportDialog_SpeaksTheReadersLanguage(string language, string title, string choose, string required)
    {
        var (owner, _) = await SeedCompanyAsync("Gina");
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();

        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ImportUsersDialog>(""));

        dialogs.WaitForElement("[data-testid=import-choose]");
        Assert.Contains(title, dialogs.Find(".mud-dialog-title").TextContent);
        Assert.Contains(choose, dialogs.Find("[data-testid=import-choose]").TextContent);
        Assert.Contains(required, dialogs.Markup);
        Assert.Contains("<code>", dialogs.Markup);
        Assert.Empty(Lookups.Missing);
    }
}
