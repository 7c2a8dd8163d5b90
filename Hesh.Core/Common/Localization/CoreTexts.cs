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

    public static IStringLocalizer Permissions { get; } = Factory.Create(typeof(PermissionCatalog));

    /// <summary>The permission's name, e.g. "Products view" / "Перегляд продуктів".</summary>
    public static string Name(this Permission permission) => Permissions[$"{permission.Key}.Title"];

    public static string Describe(this Permission permission) => Permissions[$"{permission.Key}.Description"];

    /// <summary>A catalogue group's heading (the catalogue's English group names are the keys' tails).</summary>
    public static string GroupName(string group) => Permissions[$"Group.{group.Replace(" ", "")}"];

    public static string Name(this Platform platform) => Permissions[$"Platform.{platform}"];

    public static string Name(this TaskScope scope) => Permissions[$"TaskScope.{scope}"];

    public static string Name(this UserScope scope) => Permissions[$"UserScope.{scope}"];
}
