using System.Text.RegularExpressions;

namespace Hesh.Tests.Localization;

/// <summary>Every key a localised component asks for exists in its resx, so no lookup shows a bare key in either language.</summary>
public sealed partial class ResourceKeyTests
{
    public static TheoryData<string> LocalisedComponents() => [.. Localised()];

    private static IEnumerable<string> Localised() =>
        Directory.EnumerateFiles(Path.Combine(Resx.Root, "Hesh.Web", "Components"), "*.razor", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("IStringLocalizer<", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Path.Combine(Resx.Root, "Hesh.Web"), f));

    [Fact]
    public void TheSlice_IsLocalised()
    {
        var localised = Localised().Select(f => Path.GetFileName(f)).ToList();
        Assert.All(new[] { "NavMenu.razor", "MainLayout.razor", "ConfirmDialog.razor", "DeniedDialog.razor", "PermissionsTab.razor" },
            name => Assert.Contains(name, localised));
    }

    [Theory]
    [MemberData(nameof(LocalisedComponents))]
    public void EveryKeyAComponentAsksFor_IsInItsResx(string component)
    {
        var razor = File.ReadAllText(Path.Combine(Resx.Root, "Hesh.Web", component));
        var resx = Path.Combine("Hesh.Web", "Resources", Path.ChangeExtension(component, ".resx"));
        Assert.True(File.Exists(Path.Combine(Resx.Root, resx)), $"{resx} is missing");
        var keys = Resx.Read(resx).Keys.ToHashSet();
        var asked = Lookup().Matches(razor).SelectMany(m => Quoted().Matches(m.Groups[1].Value)).Select(q => q.Groups[1].Value).ToList();
        Assert.NotEmpty(asked);
        Assert.All(asked, key => Assert.True(keys.Contains(key), $"{component} asks for \"{key}\", which {resx} lacks"));
        Assert.All(Plural().Matches(razor).Select(m => m.Groups["key"].Value), key =>
            Assert.True(keys.Contains($"{key}_one") && keys.Contains($"{key}_other"), $"{component}: plural \"{key}\" lacks _one/_other"));
    }

    /// <summary>L[…]'s first argument, up to its first comma: a key, or a condition choosing between keys.</summary>
    [GeneratedRegex(@"\bL\[([^\],]*)")]
    private static partial Regex Lookup();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"L\.Plural\(""(?<key>[\w.]+)""")]
    private static partial Regex Plural();
}
