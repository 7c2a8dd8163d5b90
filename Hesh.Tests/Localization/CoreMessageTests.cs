using System.Text.RegularExpressions;

namespace Hesh.Tests.Localization;

/// <summary>
/// Core's sentences (English as the key, one Messages.resx per feature folder) exist in both languages, and no refusal
/// is made from a bare literal that would reach a Ukrainian reader in English.
/// </summary>
public sealed partial class CoreMessageTests
{
    public static TheoryData<string> CoreFiles() => [.. Sources().Select(f => Path.GetRelativePath(Resx.Root, f))];

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(Path.Combine(Resx.Root, "Hesh.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"))
            .Order();

    /// <summary>
    /// The resource C# name lookup finds for <c>Messages</c> in a namespace: the nearest enclosing feature's, else
    /// Common's (a global using).
    /// </summary>
    private static string ResourceFor(string ns)
    {
        var parts = ns.Split('.').Skip(2).ToList(); // past "Hesh.Core"
        for (var n = parts.Count; n > 0; n--)
        {
            var candidate = Path.Combine(["Hesh.Core", "Resources", .. parts.Take(n), "Messages.resx"]);
            if (File.Exists(Path.Combine(Resx.Root, candidate)))
            {
                return candidate;
            }
        }
        return Path.Combine("Hesh.Core", "Resources", "Common", "Messages.resx");
    }

    [Theory]
    [MemberData(nameof(CoreFiles))]
    public void EverySentenceCoreSays_IsInItsFeaturesResources(string file)
    {
        var code = File.ReadAllText(Path.Combine(Resx.Root, file));
        var said = Said().Matches(code).Select(m => Unescape(m.Groups[1].Value)).ToList();
        if (said.Count == 0)
        {
            return;
        }
        var ns = Namespace().Match(code).Groups[1].Value;
        var resx = ResourceFor(ns);
        var en = Resx.Read(resx);
        Assert.All(said, s => Assert.True(en.ContainsKey(s), $"{file} says \"{s}\", which {resx} lacks"));
    }

    [Theory]
    [MemberData(nameof(CoreFiles))]
    public void NoRefusal_IsABareLiteral(string file)
    {
        var code = File.ReadAllText(Path.Combine(Resx.Root, file));
        var bare = BareRefusal().Matches(code).Select(m => m.Value).ToList();
        Assert.True(bare.Count == 0, $"{file}: {string.Join(" | ", bare)}");
    }

    [Fact]
    public void EnglishSentences_AreTheirOwnKeys()
    {
        var files = Resx.NeutralFiles().Where(f => f.StartsWith(Path.Combine("Hesh.Core", "Resources"), StringComparison.Ordinal) && Path.GetFileName(f) == "Messages.resx").ToList();
        Assert.NotEmpty(files);
        Assert.All(files.SelectMany(f => Resx.Read(f).Select(p => (f, p.Key, p.Value))), e => Assert.True(e.Key == e.Value, $"{e.f}: \"{e.Key}\" reads \"{e.Value}\""));
    }

    [Fact]
    public void ASentence_ComesBackInTheReadersLanguage()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("uk");
            Assert.Equal("Цього користувача не знайдено.", Hesh.Core.Common.Result.NotFound.Error);
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en");
            Assert.Equal("This user was not found.", Hesh.Core.Common.Result.NotFound.Error);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    private static string Unescape(string literal) => literal.Replace("\\\"", "\"").Replace("\\\\", "\\");

    [GeneratedRegex(@"\bMessages\.Say\(\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Said();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    /// <summary>Result.Fail("…"), Result.Invalid(x, "…") and Result.Fail($"…"): a sentence that skipped Messages.Say.</summary>
    [GeneratedRegex(@"\bResult(?:<[^>]+>)?\.(?:Fail\(\s*\$?""|Invalid\([^,()]+,\s*\$?"")")]
    private static partial Regex BareRefusal();
}
