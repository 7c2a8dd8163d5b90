using MudBlazor;

namespace Hesh.Web.Components.Layout;

public static class HeshTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
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
