using System.Text.RegularExpressions;
using Hesh.Tests.E2E;
using Hesh.Tests.Infrastructure;
using Hesh.Tests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hesh.Tests.Preferences;

/// <summary>
/// Issue 16 §3 in chromium: Dark chosen in My profile turns the open tab dark without a reload, a reload is dark from
/// its first paint (the server writes the theme into the page and the head script applies it before the body), Follow
/// the system follows the device, and axe's colour-contrast rule passes in dark mode on the Overview, the Users list
/// and a user's Permissions tab.
/// </summary>
[Trait("Category", "E2E")]
[Collection("Browser")]
public sealed partial class ThemeFlowTests(AppHost host, BrowserHost browser)
{
    private const string DarkBackground = "rgb(18, 19, 24)";

    [GeneratedRegex(@"\bhesh-dark\b")]
    private static partial Regex DarkClass();

    private static async Task<IPage> SignedInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(email, TestCompany.Password);
        await page.WaitForCircuitAsync();
        return page;
    }

    private async Task ChooseThemeAsync(IPage page, string label, string userId, Hesh.Core.Preferences.Theme stored)
    {
        var section = page.GetByTestId("preferences");
        await section.GetByText(label, new() { Exact = true }).ClickAsync();
        var save = section.GetByTestId("pref-save");
        await Expect(save).ToBeEnabledAsync();
        await save.ClickAsync();
        // An earlier save's snackbar may still be showing: the store says when this one is done.
        await Circuit.RetryAsync(() => Task.CompletedTask, async () => (await host.FindUserAsync(userId))!.Theme == stored);
        await Expect(save).ToBeDisabledAsync();
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Preferences saved.");
    }

    private static async Task ScreenshotBothWidthsAsync(IPage page, string name)
    {
        await page.Screenshot($"16-{name}-1400");
        await page.SetViewportSizeAsync(390, 844);
        await page.Screenshot($"16-{name}-390");
        await page.SetViewportSizeAsync(1400, 900);
    }

    [Fact]
    public async Task Dark_applies_at_once_without_reload_a_reload_paints_dark_first_and_the_system_choice_follows_the_device()
    {
        var company = await host.CreateCompanyAsync();
        await using var context = await browser.NewContextAsync(host);
        var page = await SignedInAsync(context, company.OwnerEmail);
        await page.GotoAsync($"users/{company.OwnerId}");
        await page.WaitForCircuitAsync();
        await Expect(page.GetByTestId("pref-save")).ToBeVisibleAsync();
        await Expect(page.Locator("html")).Not.ToHaveClassAsync(DarkClass());
        await ScreenshotBothWidthsAsync(page, "my-profile-light");
        await page.EvaluateAsync("() => window.__noReload = true");

        await ChooseThemeAsync(page, "Dark", company.OwnerId, Hesh.Core.Preferences.Theme.Dark);

        await Expect(page.Locator("html")).ToHaveClassAsync(DarkClass());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "The page reloaded to change the theme.");
        Assert.Equal(DarkBackground, await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        // The success snackbar is dark text on light green in dark mode, as white on it would be unreadable.
        Assert.Equal("rgb(13, 15, 26)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-snackbar')).color"));
        await ScreenshotBothWidthsAsync(page, "my-profile-dark");

        // The page as the server sends it, before any script: already marked dark, the theme script ahead of the body.
        var html = await (await context.APIRequest.GetAsync($"users/{company.OwnerId}")).TextAsync();
        Assert.Contains("data-theme=\"dark\"", html[..html.IndexOf("<head", StringComparison.Ordinal)]);
        Assert.True(html.IndexOf("heshSetTheme", StringComparison.Ordinal) < html.IndexOf("<body", StringComparison.Ordinal));

        // What the body looks like when it is first parsed, recorded before any of the page's own scripts run.
        await page.AddInitScriptAsync("""
            document.addEventListener('DOMContentLoaded', () => {
              window.__firstPaint = { dark: document.documentElement.classList.contains('hesh-dark'), background: getComputedStyle(document.body).backgroundColor };
            });
            """);
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__firstPaint.dark"), "The reloaded page was not dark from its first paint.");
        Assert.Equal(DarkBackground, await page.EvaluateAsync<string>("() => window.__firstPaint.background"));

        await ChooseThemeAsync(page, "Follow the system", company.OwnerId, Hesh.Core.Preferences.Theme.System);
        await Expect(page.Locator("html")).Not.ToHaveClassAsync(DarkClass());
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Expect(page.Locator("html")).ToHaveClassAsync(DarkClass());
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Expect(page.Locator("html")).Not.ToHaveClassAsync(DarkClass());

        await ChooseThemeAsync(page, "Light", company.OwnerId, Hesh.Core.Preferences.Theme.Light);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Expect(page.Locator("html")).Not.ToHaveClassAsync(DarkClass());
    }

    [Fact]
    public async Task In_dark_mode_the_Overview_the_Users_list_and_a_Permissions_tab_pass_axe_colour_contrast()
    {
        var company = await host.CreateCompanyAsync();
        var anna = await company.AddUserAsync("Anna");
        Assert.True((await host.Call<Hesh.Core.Preferences.PreferenceService, Hesh.Core.Common.Result>(s =>
            s.SetMineAsync(company.OwnerId, company.OwnerId, new Hesh.Core.Preferences.PersonalPreferences(null, null, Hesh.Core.Preferences.Theme.Dark)))).Succeeded);
        await using var context = await browser.NewContextBypassingCspAsync(host);
        var failures = new List<string>();
        // Signed out the theme follows the device; the account pages keep their light card on a dark device.
        var signedOut = await context.NewPageAsync();
        await signedOut.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await signedOut.GotoAsync("Account/Login");
        await Expect(signedOut.Locator("html")).ToHaveClassAsync(DarkClass());
        failures.AddRange((await Axe.RunAsync(signedOut)).Where(v => v.Rule == "color-contrast").Select(v => Axe.Describe("sign in (dark device)", [v])));
        await ScreenshotBothWidthsAsync(signedOut, "dark-device-sign-in");
        await signedOut.CloseAsync();
        var page = await SignedInAsync(context, company.OwnerEmail);

        foreach (var (name, path, ready) in new[]
                 {
                     ("overview", "", "h1"),
                     ("users", "users", "[data-testid=users-grid]"),
                     ("permissions", $"users/{anna.Id}?tab=permissions", "[data-testid=permission-tools]"),
                     ("company", "company", "[data-testid=company-preferences-save]"),
                 })
        {
            await page.GotoAsync(path);
            await page.WaitForCircuitAsync();
            await page.Locator(ready).First.WaitForAsync();
            await Expect(page.Locator("html")).ToHaveClassAsync(DarkClass());
            foreach (var width in new[] { 1400, 390 })
            {
                await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                var contrast = (await Axe.RunAsync(page)).Where(v => v.Rule == "color-contrast").ToList();
                if (contrast.Count > 0)
                {
                    failures.Add(Axe.Describe($"{name} (dark) at {width} px", contrast));
                }
            }
            await page.SetViewportSizeAsync(1400, 900);
            await ScreenshotBothWidthsAsync(page, $"dark-{name}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
