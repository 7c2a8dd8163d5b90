using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hesh.Tests.Localization;

/// <summary>The source tree's .resx files and razor components, read as the tests need them.</summary>
internal static partial class Resx
{
    public static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hesh.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Hesh.sln not found above " + AppContext.BaseDirectory);
    }

    public static IStringLocalizer Localizer(Type type) =>
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(type);

    /// <summary>Every neutral (English) .resx under Hesh.Web and Hesh.Core, relative to the repository.</summary>
    public static IReadOnlyList<string> NeutralFiles() =>
        new[] { "Hesh.Web", "Hesh.Core" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, p), "*.resx", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => !Regex.IsMatch(Path.GetFileName(f), @"\.[a-z]{2}(-[A-Z]{2})?\.resx$"))
            .Select(f => Path.GetRelativePath(Root, f)).Order().ToList();

    public static IReadOnlyDictionary<string, string> Read(string relative) =>
        XDocument.Load(Path.Combine(Root, relative)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    public static string Twin(string neutral, string language) => neutral[..^".resx".Length] + $".{language}.resx";

    /// <summary>A CLDR plural family's key ("Users_few") names its family ("Users"); any other key is its own.</summary>
    public static (string Family, string? Category) Split(string key) =>
        PluralKey().Match(key) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : (key, null);

    public static IReadOnlySet<string> Placeholders(string value) => PlaceholderPattern().Matches(value).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"^(.+)_(one|few|many|other)$")]
    private static partial Regex PluralKey();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
