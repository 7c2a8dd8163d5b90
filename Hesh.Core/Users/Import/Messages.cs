using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;

namespace Hesh.Core.Users.Import;

/// <summary>
/// The sentences of the import and the Users files, English as the key (Hesh.Core/Resources/Users/Import/Messages.resx
/// and .uk.resx), in the reader's language.
/// </summary>
public static class Messages
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(Messages));

    public static string Say(string english, params object?[] args) => Texts.Say(english, args);

    /// <summary>The same sentence in <paramref name="culture"/>, whoever reads (the header names of every language).</summary>
    internal static string SayIn(System.Globalization.CultureInfo culture, string english)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
            return Texts.Say(english);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }
}
