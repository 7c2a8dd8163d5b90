using System.Globalization;
using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Core.TwoFactor;

/// <summary>
/// The sentences of this feature folder, English as the key (Hesh.Core/Resources/TwoFactor/Messages.resx and .uk.resx).
/// Each feature folder has its own <c>Messages</c>; code in a sub-namespace finds the nearest one.
/// </summary>
public static class Messages
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(Messages));

    public static string Say(string english, params object?[] args) => Texts.Say(english, args);

    /// <summary>
    /// A count with its noun in the reader's language, e.g. Count(5, "{0} user", "{0} users"): English reads the first
    /// for one and the second otherwise; Ukrainian has three forms, its "few" (2–4) under the key "&lt;other&gt;|few".
    /// </summary>
    public static string Count(long n, string one, string other)
    {
        var english = PluralRules.Category(n, CultureInfo.CurrentUICulture) switch
        {
            PluralCategory.One => one,
            PluralCategory.Few => other + "|few",
            _ => other,
        };
        var found = Texts[english];
        var text = found.ResourceNotFound ? (english == one ? one : other) : found.Value;
        return string.Format(CultureInfo.CurrentCulture, text, n);
    }
}
