using Hesh.Core.Permissions;

namespace Hesh.Tests.Localization;

/// <summary>Ukrainian says everything English says: the same keys, nothing empty, the same {0} placeholders.</summary>
public sealed class ResourceParityTests
{
    public static TheoryData<string> Files() => [.. Resx.NeutralFiles()];

    [Fact]
    public void TheSliceHasResources_InWebAndCore()
    {
        var files = Resx.NeutralFiles();
        Assert.Contains(files, f => f.StartsWith("Hesh.Core", StringComparison.Ordinal));
        Assert.True(files.Count(f => f.StartsWith("Hesh.Web", StringComparison.Ordinal)) >= 6, string.Join(", ", files));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryResx_HasAUkrainianTwin_WithTheSameKeysAndPlaceholders_AndNoEmptyValue(string neutral)
    {
        var twin = Resx.Twin(neutral, "uk");
        Assert.True(File.Exists(Path.Combine(Resx.Root, twin)), $"{twin} is missing");
        var en = Resx.Read(neutral);
        var uk = Resx.Read(twin);

        Assert.All(en.Concat(uk), pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty"));
        // Plural families compare as families: English has one/other, Ukrainian one/few/many(/other).
        var enKeys = en.Keys.Select(k => Resx.Split(k).Family).ToHashSet();
        var ukKeys = uk.Keys.Select(k => Resx.Split(k).Family).ToHashSet();
        Assert.True(enKeys.SetEquals(ukKeys), $"{neutral}: only in English: [{string.Join(", ", enKeys.Except(ukKeys))}]; only in Ukrainian: [{string.Join(", ", ukKeys.Except(enKeys))}]");
        foreach (var family in en.Keys.Where(k => Resx.Split(k).Category is not null).Select(k => Resx.Split(k).Family).Distinct())
        {
            Assert.True(en.ContainsKey($"{family}_one") && en.ContainsKey($"{family}_other"), $"{family}: English needs _one and _other");
            Assert.True(uk.ContainsKey($"{family}_one") && uk.ContainsKey($"{family}_few") && uk.ContainsKey($"{family}_many"), $"{family}: Ukrainian needs _one, _few and _many");
        }
        foreach (var family in enKeys)
        {
            var enHoles = en.Where(p => Resx.Split(p.Key).Family == family).SelectMany(p => Resx.Placeholders(p.Value)).ToHashSet();
            var ukHoles = uk.Where(p => Resx.Split(p.Key).Family == family).SelectMany(p => Resx.Placeholders(p.Value)).ToHashSet();
            Assert.True(enHoles.SetEquals(ukHoles), $"{neutral} {family}: placeholders {{{string.Join(",", enHoles)}}} in English, {{{string.Join(",", ukHoles)}}} in Ukrainian");
        }
    }

    [Fact]
    public void ThePermissionCatalogsEnglishResources_SayWhatTheCatalogueDeclares()
    {
        // The catalogue's English stays the audit log's wording; the resx must not drift from it.
        var en = Resx.Read(Path.Combine("Hesh.Core", "Resources", "Permissions", "PermissionCatalog.resx"));
        Assert.All(PermissionCatalog.All, p =>
        {
            Assert.Equal(p.Title, en[$"{p.Key}.Title"]);
            Assert.Equal(p.Description, en[$"{p.Key}.Description"]);
        });
        Assert.All(Enum.GetValues<Platform>(), p => Assert.Equal(p.Title(), en[$"Platform.{p}"]));
        Assert.All(Enum.GetValues<TaskScope>(), s => Assert.Equal(s.Title(), en[$"TaskScope.{s}"]));
        Assert.All(Enum.GetValues<UserScope>(), s => Assert.Equal(s.Title(), en[$"UserScope.{s}"]));
    }
}
