using System.Globalization;

namespace Hesh.Core.Preferences;

/// <summary>The languages Hesh speaks. Anything else — a stored code from an older version, a forged header — reads as no choice.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Ukrainian = "uk";
    public const int CodeMaxLength = 10;

    public static IReadOnlyList<string> Supported { get; } = [English, Ukrainian];

    /// <summary>The supported code <paramref name="code"/> names ("uk-UA" is Ukrainian), or null.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 35)
        {
            return null;
        }
        var primary = code.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(primary) ? primary : null;
    }

    /// <summary>The person's choice, else the company's default, else the browser's, else English.</summary>
    public static string Resolve(string? personal, string? company, string? browser) =>
        Normalize(personal) ?? Normalize(company) ?? Normalize(browser) ?? English;

    public static CultureInfo Culture(string code) => CultureInfo.GetCultureInfo(Normalize(code) ?? English);

    /// <summary>
    /// Speaks <paramref name="code"/> on this thread until disposed: for work that writes to one person outside their
    /// own circuit (an email to an approver), whose words must be in that person's language, not the sender's.
    /// </summary>
    public static IDisposable Speak(string code) => new Speaking(Culture(code));

    private sealed class Speaking : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public Speaking(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
