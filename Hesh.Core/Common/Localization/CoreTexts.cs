using System.Collections.Concurrent;
using System.Globalization;
using Hesh.Core.Permissions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hesh.Core.Common.Localization;

/// <summary>
/// Core's own words in the reader's language (the current UI culture), from Hesh.Core/Resources. Static, as the
/// catalogue is: the permission names are read in records and extension methods that have no DI. The catalogue's
/// English declarations stay the source for audit entries and logs, which are written once, in English.
/// </summary>
public static class CoreTexts
{
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    private static readonly ConcurrentDictionary<Type, IStringLocalizer> Localizers = new();

    public static IStringLocalizer Permissions { get; } = Factory.Create(typeof(PermissionCatalog));

    /// <summary>The localizer of a feature's <c>Messages</c> resource (Hesh.Core/Resources/&lt;feature&gt;/Messages.resx).</summary>
    public static IStringLocalizer For(Type resource) => Localizers.GetOrAdd(resource, Factory.Create);

    /// <summary>
    /// A sentence Core says to a person, in the current UI culture. The English sentence is the key (the framework's
    /// text-as-key style): the code stays readable and greppable, and English needs no lookup to be right. Read it
    /// when the result is made, never into a static field, so each reader gets their own language.
    /// </summary>
    public static string Say(this IStringLocalizer texts, string english, params object?[] args)
    {
        var found = texts[english];
        var text = found.ResourceNotFound ? english : found.Value;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }

    /// <summary>
    /// A count with its noun in the reader's language, e.g. Count(5, "{0} user", "{0} users"): English reads the first
    /// for one and the second otherwise; Ukrainian has three forms, its "few" (2–4) under the key "&lt;other&gt;|few".
    /// </summary>
    public static string Count(this IStringLocalizer texts, long n, string one, string other)
    {
        var english = PluralRules.Category(n, CultureInfo.CurrentUICulture) switch
        {
            PluralCategory.One => one,
            PluralCategory.Few => other + "|few",
            _ => other,
        };
        var found = texts[english];
        var text = found.ResourceNotFound ? (english == one ? one : other) : found.Value;
        return string.Format(CultureInfo.CurrentCulture, text, n);
    }

    /// <summary>The permission's name, e.g. "Products view" / "Перегляд продуктів".</summary>
    public static string Name(this Permission permission) => Permissions[$"{permission.Key}.Title"];

    public static string Describe(this Permission permission) => Permissions[$"{permission.Key}.Description"];

    /// <summary>A catalogue group's heading (the catalogue's English group names are the keys' tails).</summary>
    public static string GroupName(string group) => Permissions[$"Group.{group.Replace(" ", "")}"];

    public static string Name(this Platform platform) => Permissions[$"Platform.{platform}"];

    public static string Name(this TaskScope scope) => Permissions[$"TaskScope.{scope}"];

    public static string Name(this UserScope scope) => Permissions[$"UserScope.{scope}"];
}
