using System.Collections.Concurrent;
using Hesh.Core.Common.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hesh.Core.Email;

/// <summary>
/// The localizer of a feature's Messages resource by its folder (Hesh.Core/Resources/&lt;feature&gt;/Messages.resx),
/// for features whose namespace many files import (Email, Audit, Users.Import): their <c>Messages</c> class is nested
/// in the class that speaks, so a file importing the namespace never finds two <c>Messages</c> (Common's and ours).
/// </summary>
internal static class FeatureTexts
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    private static readonly ConcurrentDictionary<string, IStringLocalizer> Localizers = new();

    /// <param name="feature">The folder under Hesh.Core/Resources, dotted: "Email", "Audit", "Users.Import".</param>
    public static IStringLocalizer Of(string feature) =>
        Localizers.GetOrAdd(feature, f => Factory.Create($"{f}.Messages", typeof(FeatureTexts).Assembly.GetName().Name!));
}

/// <summary>The counted words of the emails ("7 days" / "7 днів"), plural families by CLDR category.</summary>
public static class EmailWords
{
    private static IStringLocalizer Texts => CoreTexts.For(typeof(EmailWords));

    /// <summary>"1 day", "2 days" / "1 дня", "2 днів", "5 днів" (as after "within"), in the current UI culture.</summary>
    public static string Days(int days) => Texts.Plural("Days", days);
}
