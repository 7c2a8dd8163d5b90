using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Hesh.Core.Common.Localization;

/// <summary>The CLDR plural categories Hesh's languages use.</summary>
public enum PluralCategory
{
    One,
    Few,
    Many,
    Other,
}

/// <summary>
/// CLDR cardinal rules for whole numbers: English has one and other; Ukrainian one (1, 21, 101 — not 11),
/// few (2–4, 22–24 — not 12–14) and many (everything else, 0 and 5–20 included).
/// </summary>
public static class PluralRules
{
    public static PluralCategory Category(long n, CultureInfo culture)
    {
        n = Math.Abs(n);
        if (culture.TwoLetterISOLanguageName == "uk")
        {
            var (ten, hundred) = (n % 10, n % 100);
            if (ten == 1 && hundred != 11)
            {
                return PluralCategory.One;
            }
            return ten is >= 2 and <= 4 && hundred is not (>= 12 and <= 14) ? PluralCategory.Few : PluralCategory.Many;
        }
        return n == 1 ? PluralCategory.One : PluralCategory.Other;
    }

    /// <summary>The resource key for <paramref name="n"/>: "Users_one", "Users_few", "Users_many" or "Users_other".</summary>
    public static string Key(string key, long n, CultureInfo culture) => $"{key}_{Category(n, culture).ToString().ToLowerInvariant()}";

}

public static class PluralExtensions
{
    /// <summary>
    /// The plural form of <paramref name="key"/> for <paramref name="n"/> in the current UI culture, formatted with n as {0}.
    /// A language without the category's key (English has no "few") reads "_other".
    /// </summary>
    public static string Plural(this IStringLocalizer localizer, string key, long n, params object[] more)
    {
        object[] arguments = [n, .. more];
        var found = localizer[PluralRules.Key(key, n, CultureInfo.CurrentUICulture), arguments];
        return found.ResourceNotFound ? localizer[$"{key}_other", arguments] : found;
    }
}
