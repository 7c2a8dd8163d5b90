using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Hesh.Web.Components.Layout;

/// <summary>
/// Both palettes in one static style sheet: the light one on :root, the dark one on :root.hesh-dark. The class is set
/// by the inline script in App.razor before the body paints, and by heshSetTheme when My profile saves — so a change
/// of theme needs neither a reload nor a MudThemeProvider in every open tab's interactive tree (~25 KB a tab).
/// MudThemeProvider renders each palette once, at the first request, and the text is kept.
/// </summary>
public static partial class ThemeStyles
{
    private static Task<string>? _css;

    public static Task<string> CssAsync(IServiceProvider services) =>
        _css ??= BuildAsync(services);

    private static async Task<string> BuildAsync(IServiceProvider services)
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var light = await RenderAsync(renderer, dark: false);
        var dark = await RenderAsync(renderer, dark: true);
        // The static account pages keep their light card in either theme: their own CSS paints light backgrounds.
        return light + "\n" + RootSelector().Replace(dark, ":root.hesh-dark") + "\n:root.hesh-dark{color-scheme:dark}\n" +
               RootSelector().Replace(light, ":root.hesh-dark .account-shell") + "\n:root.hesh-dark .account-shell{color-scheme:light}";
    }

    private static Task<string> RenderAsync(HtmlRenderer renderer, bool dark) => renderer.Dispatcher.InvokeAsync(async () =>
    {
        var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = HeshTheme.Theme,
            [nameof(MudThemeProvider.IsDarkMode)] = dark,
        }));
        // Only the custom properties: the scrollbar rules MudThemeProvider adds are the same in both palettes.
        var html = output.ToHtmlString();
        return string.Concat(StyleBody().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)));
    });

    [GeneratedRegex(":root\\b")]
    private static partial Regex RootSelector();

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBody();
}
