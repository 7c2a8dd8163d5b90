using MudBlazor;

namespace Hesh.Web.Components.Layout;

public static class HeshTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            // Teal 700 rather than 600: white on it and it on white reach 5.3:1 (600 gave 4.3:1, under WCAG AA's 4.5:1).
            Secondary = "#00796b",
            AppbarBackground = "#283593",
            Background = "#f5f6fa",
            DrawerBackground = "#ffffff",
            // Darker than MudBlazor's defaults so secondary text and success chips pass WCAG AA contrast (axe) on the grey page.
            TextSecondary = "#5f6368",
            Success = "#1b5e20",
            Error = "#c62828",
            Info = "#1565c0",
            Warning = "#a15c00",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
