using Bunit;
using Bunit.TestDoubles;
using Hesh.Core.Preferences;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Preferences;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Hesh.Tests.Preferences;

/// <summary>My profile's Preferences: what is stored shows, a new theme applies in the open tab, a new language reloads.</summary>
public sealed class PreferencesSectionTests : HeshComponentTest
{
    private async Task<(string UserId, IRenderedComponent<PreferencesSection> Section)> RenderAsync(Action<Hesh.Core.Users.HeshUser>? stored = null)
    {
        var (owner, _) = await SeedCompanyAsync("Olga");
        await WithDbAsync(async s =>
        {
            var db = s.GetRequiredService<Hesh.Core.Data.HeshDbContext>();
            var user = await db.Users.Include(u => u.Company).SingleAsync(u => u.Id == owner.Id);
            user.Company!.DefaultLanguage = "uk";
            user.Company.TimeZone = "Europe/Kyiv";
            stored?.Invoke(user);
            return await db.SaveChangesAsync();
        });
        SignInAs(owner.Id);
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var section = Render<PreferencesSection>(p => p.Add(x => x.UserId, owner.Id));
        section.WaitForAssertion(() => Assert.NotEmpty(section.FindAll("[data-testid=pref-save]")));
        return (owner.Id, section);
    }

    /// <summary>The test id of the theme radio that is checked, as the page shows it.</summary>
    private static string? CheckedTheme(IRenderedComponent<PreferencesSection> section) =>
        section.FindComponents<MudRadio<Theme>>().Where(r => r.Find("input").HasAttribute("checked") || r.Markup.Contains("mud-checked", StringComparison.Ordinal))
            .Select(r => r.Instance.UserAttributes["data-testid"] as string).SingleOrDefault();

    private Task<Hesh.Core.Users.HeshUser> StoredAsync(string id) =>
        WithDbAsync(s => s.GetRequiredService<Hesh.Core.Data.HeshDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id));

    [Fact]
    public async Task Follow_the_company_names_what_the_company_uses_and_save_waits_for_a_change()
    {
        var (_, section) = await RenderAsync();

        Assert.Contains("Follow company default (Українська)", section.Markup);
        Assert.Equal("Follow company (Europe/Kyiv)", section.Find("[data-testid=pref-timezone]").GetAttribute("value"));
        Assert.Equal("pref-theme-system", CheckedTheme(section));
        Assert.True(section.Find("[data-testid=pref-save]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Choosing_Dark_and_saving_stores_it_and_turns_the_open_tab_dark_without_a_reload()
    {
        var (id, section) = await RenderAsync();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();

        await section.InvokeAsync(() => section.FindComponent<MudRadioGroup<Theme>>().Instance.ValueChanged.InvokeAsync(Theme.Dark));
        section.Find("[data-testid=pref-save]").Click();

        section.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "heshSetTheme" && Equals(i.Arguments[0], "dark")));
        Assert.Equal(Theme.Dark, (await StoredAsync(id)).Theme);
        Assert.Empty(navigation.History);
    }

    [Fact]
    public async Task Choosing_a_language_saves_it_and_reloads_the_page_so_every_text_changes()
    {
        var (id, section) = await RenderAsync();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();

        await section.InvokeAsync(() => section.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("en"));
        section.Find("[data-testid=pref-save]").Click();

        section.WaitForAssertion(() => Assert.Contains(navigation.History, h => h.Options.ForceLoad));
        Assert.Equal("en", (await StoredAsync(id)).Language);
    }

    [Fact]
    public async Task A_stored_choice_shows_as_chosen()
    {
        var (_, section) = await RenderAsync(u => { u.Language = "en"; u.TimeZone = "Asia/Tokyo"; u.Theme = Theme.Light; });

        Assert.Equal("en", section.FindComponent<MudSelect<string>>().Instance.GetState(x => x.Value));
        Assert.Equal("Asia/Tokyo", section.FindComponent<MudAutocomplete<string>>().Instance.GetState(x => x.Value));
        Assert.Equal("pref-theme-light", CheckedTheme(section));
    }
}
