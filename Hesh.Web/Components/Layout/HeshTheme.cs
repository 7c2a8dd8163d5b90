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
        // Light tints of the light palette's hues on near-black surfaces, with dark text on every filled colour:
        // each text/background pair here reaches WCAG AA's 4.5:1 (axe's colour-contrast rule, checked in dark mode).
        PaletteDark = new PaletteDark
        {
            Primary = "#9fa8da",
            PrimaryContrastText = "#0d0f1a",
            Secondary = "#80cbc4",
            SecondaryContrastText = "#0d0f1a",
            Tertiary = "#ce93d8",
            TertiaryContrastText = "#0d0f1a",
            AppbarBackground = "#1a237e",
            AppbarText = "#ffffff",
            Background = "#121318",
            BackgroundGray = "#1b1c22",
            Surface = "#1e1f26",
            DrawerBackground = "#1a1b21",
            DrawerText = "#e3e4ea",
            DrawerIcon = "#c3c5cf",
            TextPrimary = "#e8e9ef",
            TextSecondary = "#b5b7c2",
            TextDisabled = "#8a8c96",
            ActionDefault = "#c3c5cf",
            ActionDisabled = "#7c7e88",
            ActionDisabledBackground = "#2c2d35",
            Success = "#81c784",
            SuccessContrastText = "#0d0f1a",
            Error = "#ef9a9a",
            ErrorContrastText = "#0d0f1a",
            Info = "#90caf9",
            InfoContrastText = "#0d0f1a",
            Warning = "#ffb74d",
            WarningContrastText = "#0d0f1a",
            Dark = "#2c2d35",
            DarkContrastText = "#ffffff",
            LinesDefault = "#3a3b44",
            TableLines = "#3a3b44",
            Divider = "#3a3b44",
            OverlayLight = "#1e1f2680",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Roboto", "Segoe UI", "Helvetica", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
