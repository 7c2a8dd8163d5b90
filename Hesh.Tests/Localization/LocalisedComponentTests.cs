using System.Collections.Concurrent;
using System.Globalization;
using Bunit;
using Hesh.Core.Permissions;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Layout;
using Hesh.Web.Components.Pages.Users;
using Hesh.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Hesh.Tests.Localization;

/// <summary>The slice rendered in English and in Ukrainian: the words change, and no lookup comes back as a bare key.</summary>
public sealed class LocalisedComponentTests : LocalisedComponentTest
{
    [Theory]
    [InlineData("en", "Make administrator", "Cancel")]
    [InlineData("uk", "Зробити адміністратором", "Скасувати")]
    public async Task ConfirmDialog_SpeaksTheReadersLanguage(string language, string confirm, string cancel)
    {
        Speak(language);
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        await provider.InvokeAsync(() => dialogs.ShowAsync<ConfirmDialog>("", new DialogParameters<ConfirmDialog> { { d => d.ConfirmText, confirm } }));

        provider.WaitForAssertion(() => Assert.Contains(cancel, provider.Find(".mud-dialog-actions").TextContent));
        Assert.Contains(language == "uk" ? "Ви впевнені?" : "Are you sure?", provider.Markup);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Administrator", "Products view", "See the product catalog.", "Web access")]
    [InlineData("uk", "Адміністратор", "Перегляд продуктів", "Бачити каталог продуктів.", "Веб-доступ")]
    public async Task PermissionsTab_SpeaksTheReadersLanguage_SwitchesCaptionsAndHeadings(string language, string admin, string permission, string caption, string platform)
    {
        var (owner, people) = await SeedCompanyAsync("Tom", ("Anna", "Novak", false, null));
        SignInAs(owner.Id);
        Speak(language);
        Render<MudPopoverProvider>();

        var tab = Render<PermissionsTab>(p => p.Add(t => t.User, Details() with
        {
            Id = people[0].Id, FirstName = people[0].FirstName, LastName = people[0].LastName, Email = people[0].Email!,
        }));
        tab.WaitForElement("[data-testid=access-Web]");

        Assert.Contains(admin, tab.Markup);
        var web = tab.Find("[data-testid=access-Web]");
        Assert.Contains(platform, web.QuerySelector("h2")!.TextContent);
        Assert.Contains(permission, web.TextContent);
        Assert.Contains(caption, web.TextContent);
        Assert.Contains(language == "uk" ? "Копіювати з…" : "Copy from…", tab.Find("[data-testid=copy-from]").TextContent);
        Assert.Empty(Lookups.Missing);
    }

    [Theory]
    [InlineData("en", "Overview", "My profile")]
    [InlineData("uk", "Огляд", "Мій профіль")]
    public async Task NavMenu_SpeaksTheReadersLanguage_EvenAfterTheOtherLanguageCachedItsLinks(string language, string overview, string profile)
    {
        var (owner, _) = await SeedCompanyAsync("Nora");
        SignInAs(owner.Id);
        Speak(language == "uk" ? "en" : "uk");
        var other = Render<NavMenu>();
        other.WaitForAssertion(() => Assert.NotEmpty(other.FindAll("a")));

        Speak(language);
        var menu = Render<NavMenu>();

        menu.WaitForAssertion(() => Assert.Contains(profile, menu.Markup));
        Assert.Contains(overview, menu.Find("a").TextContent);
        Assert.Empty(Lookups.Missing);
    }
}
