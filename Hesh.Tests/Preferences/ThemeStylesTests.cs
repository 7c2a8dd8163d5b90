using System.Globalization;
using Hesh.Tests.Infrastructure;
using Hesh.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace Hesh.Tests.Preferences;

/// <summary>
/// The one style sheet that carries both palettes: light on :root, dark on :root.hesh-dark, and every text/background
/// pair of the dark palette at WCAG AA's 4.5:1 — so a colour that axe never meets on the pages it walks (a snackbar, a
/// chip) is checked too.
/// </summary>
public sealed class ThemeStylesTests(AppHost host)
{
    [Fact]
    public async Task The_style_sheet_holds_the_light_palette_on_root_and_the_dark_one_under_hesh_dark()
    {
        var css = await host.WithScopeAsync(ThemeStyles.CssAsync);
        TestContext.Current.TestOutputHelper?.WriteLine(css);

        var dark = css.IndexOf(":root.hesh-dark", StringComparison.Ordinal);
        Assert.True(dark > 0, "No dark palette.");
        Assert.Contains($"--mud-palette-surface: {Rgba(HeshTheme.Theme.PaletteLight.Surface)}", css[..dark]);
        Assert.Contains($"--mud-palette-surface: {Rgba(HeshTheme.Theme.PaletteDark.Surface)}", css[dark..]);
        Assert.Contains($"--mud-palette-success-text: {Rgba(HeshTheme.Theme.PaletteDark.SuccessContrastText)}", css[dark..]);
        Assert.DoesNotContain($"--mud-palette-surface: {Rgba(HeshTheme.Theme.PaletteDark.Surface)}", css[..dark]);
    }

    public static TheoryData<string, string, string> DarkPairs()
    {
        var p = HeshTheme.Theme.PaletteDark;
        var data = new TheoryData<string, string, string>();
        foreach (var (name, text, background) in new (string, MudColor, MudColor)[]
                 {
                     ("text on background", p.TextPrimary, p.Background), ("text on surface", p.TextPrimary, p.Surface),
                     ("secondary text on surface", p.TextSecondary, p.Surface), ("secondary text on background", p.TextSecondary, p.Background),
                     ("drawer text", p.DrawerText, p.DrawerBackground), ("app bar text", p.AppbarText, p.AppbarBackground),
                     ("primary on surface", p.Primary, p.Surface), ("on primary", p.PrimaryContrastText, p.Primary),
                     ("secondary on surface", p.Secondary, p.Surface), ("on secondary", p.SecondaryContrastText, p.Secondary),
                     ("success on surface", p.Success, p.Surface), ("on success", p.SuccessContrastText, p.Success),
                     ("error on surface", p.Error, p.Surface), ("on error", p.ErrorContrastText, p.Error),
                     ("info on surface", p.Info, p.Surface), ("on info", p.InfoContrastText, p.Info),
                     ("warning on surface", p.Warning, p.Surface), ("on warning", p.WarningContrastText, p.Warning),
                 })
        {
            data.Add(name, text.Value, background.Value);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DarkPairs))]
    public void Each_text_and_background_of_the_dark_palette_reach_4_5_to_1(string pair, string text, string background)
    {
        var ratio = Contrast(new MudColor(text), new MudColor(background));
        Assert.True(ratio >= 4.5, $"{pair}: {text} on {background} is {ratio.ToString("0.00", CultureInfo.InvariantCulture)}:1");
    }

    private static string Rgba(MudColor c) => $"rgba({c.R},{c.G},{c.B},1)";

    private static double Contrast(MudColor a, MudColor b)
    {
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    private static double Luminance(MudColor c)
    {
        static double Channel(byte v)
        {
            var s = v / 255.0;
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);
    }
}
