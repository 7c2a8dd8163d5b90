using System.Text.RegularExpressions;

namespace Hesh.Tests.Localization;

/// <summary>
/// A form's fields say what is wrong in the reader's language, from Core's validation texts. A form without
/// <c>novalidate</c> lets the browser stop the submit first, with its own bubble in the browser's language ("Please
/// fill out this field." on an English browser, whatever the person chose) and none of Hesh's messages — which is
/// what the Ukrainian "Add user" dialog did until UkrainianDialogFlowTests caught it.
/// </summary>
public sealed partial class NativeValidationTests
{
    [Fact]
    public void EveryEditForm_LeavesValidationToHesh_SoItsMessagesAreInTheChosenLanguage()
    {
        var root = Path.Combine(Resx.Root, "Hesh.Web", "Components");
        var forms = Directory.EnumerateFiles(root, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => EditForm().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetRelativePath(root, file), Tag: m.Value)))
            .ToList();
        Assert.True(forms.Count > 15, $"only {forms.Count} EditForms found: the scan looks in the wrong place");
        var without = forms.Where(f => !f.Tag.Contains(" novalidate", StringComparison.Ordinal)).Select(f => $"{f.File}: {f.Tag}").ToList();
        Assert.True(without.Count == 0, "EditForm without novalidate:\n" + string.Join('\n', without));
    }

    [GeneratedRegex(@"<EditForm\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex EditForm();
}
