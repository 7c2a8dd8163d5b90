using System.Text;
using System.Text.RegularExpressions;

namespace Hesh.Tests.Localization;

/// <summary>
/// Finds user-visible English written straight into a component. For each .razor file under Hesh.Web/Components
/// the scan first removes what is not markup: Razor comments (@* *@), HTML comments, &lt;style&gt; and &lt;script&gt;
/// elements, everything from @code on (the file's last block here), @{ } blocks (brace-matched), then @(…) and @name.member(…)[…] expressions. What is left
/// between two tags is a text node; its lines that read as C# (starting with @, { or }, "else", or ending in ; { or
/// containing =&gt;) are dropped. A text node, or a Label=/Title=/Placeholder=/HelperText=/Text=/aria-label=/title=
/// attribute value that is not an @-expression, is a literal when it holds two letters in a row and is not one of a
/// few technical words. Known limits: C# string literals handed to markup ("Link(…, \"Users\")", snackbars) and markup
/// inside @code are not seen — the resource parity and key tests and review cover those.
/// Every component is localised: there is no allow-list any more (it shrank to nothing), so a new literal fails.
/// The scan covers Hesh.Web/Components and Hesh.Web/Live.
/// </summary>
public sealed partial class LiteralStringScanTests
{
    private static readonly HashSet<string> Technical = new(StringComparer.OrdinalIgnoreCase)
    {
        "Hesh", "UTC", "px", "KB", "MB", "GB", "ID", "API", "URL", "JSON", "CSV", "XLSX", "TOTP", "SVG", "PNG", "JPEG", "QR", "nbsp",
    };

    private static readonly string WebRoot = Path.Combine(Resx.Root, "Hesh.Web");

    private static IEnumerable<string> RazorFiles() => new[] { "Components", "Live" }
        .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(WebRoot, folder), "*.razor", SearchOption.AllDirectories))
        .Select(f => Path.GetRelativePath(WebRoot, f).Replace('\\', '/')).Order();

    [Fact]
    public void NoComponent_HasLiteralText()
    {
        var files = RazorFiles().ToList();
        Assert.Contains("Components/Pages/Users/UsersPage.razor", files);
        Assert.Contains("Live/LiveGuard.razor", files);
        var report = new StringBuilder();
        foreach (var file in files)
        {
            var literals = Scan(File.ReadAllText(Path.Combine(WebRoot, file)));
            if (literals.Count > 0)
            {
                report.AppendLine($"{file} has literal text (localise it): {string.Join(" | ", literals.Take(5))}");
            }
        }
        Assert.True(report.Length == 0, report.ToString());
    }

    [Theory]
    [InlineData("<MudText>Save changes</MudText>", "Save changes")]
    [InlineData("<MudButton Label=\"Delete user\" />", "Delete user")]
    [InlineData("<button aria-label=\"Close\">@L[\"X\"]</button>", "Close")]
    [InlineData("<p>\n    until @When(now) UTC (@Left)\n</p>", "until")]
    public void TheScan_FindsLiteralText(string razor, string expected) => Assert.Contains(Scan(razor), literal => literal.Contains(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("<MudText>@L[\"Save\"]</MudText>")]
    [InlineData("<MudButton Label=\"@L[\"Delete\"]\" Title=\"@(x ? a : b)\" />")]
    [InlineData("@* A comment with words *@<span>@Name</span>")]
    [InlineData("<style>.a { color: red; }</style><span>UTC</span>")]
    [InlineData("@code {\n    private string _x = \"Some words\";\n    <p>Inside code</p>\n}")]
    [InlineData("@if (on)\n{\n    <span>@x</span>\n}\nelse\n{\n    <b>—</b>\n}")]
    [InlineData("@switch (x)\n{\n    case { Open: true } open:\n        <b>@open.Name</b>\n        break;\n}")]
    public void TheScan_IgnoresExpressionsCommentsCodeAndStyles(string razor) => Assert.Empty(Scan(razor));

    internal static IReadOnlyList<string> Scan(string razor)
    {
        var text = Directive().Replace(razor, " ");
        text = RazorComment().Replace(text, " ");
        text = HtmlComment().Replace(text, " ");
        text = StyleOrScript().Replace(text, " ");
        // @code closes the file by convention here; its C# (interpolated strings and all) is no markup.
        text = CodeStart(text);
        text = RemoveBlocks(text, "@{", openIncluded: true);
        var found = new List<string>();
        foreach (Match attribute in VisibleAttribute().Matches(text))
        {
            var value = attribute.Groups["value"].Value;
            if (!value.StartsWith('@') && IsWords(value))
            {
                found.Add(value.Trim());
            }
        }
        text = RemoveExpressions(text);
        // Attribute values (event handlers, classes, ids) are no text nodes; the visible ones were read above.
        text = QuotedValue().Replace(text, " ");
        foreach (Match node in TextNode().Matches(text))
        {
            foreach (var line in node.Groups[1].Value.Split('\n').Select(l => l.Trim()))
            {
                if (line.Length == 0 || LooksLikeCode(line))
                {
                    continue;
                }
                if (IsWords(line))
                {
                    found.Add(line);
                }
            }
        }
        return found;
    }

    private static bool LooksLikeCode(string line) =>
        line.StartsWith('@') || line.StartsWith('{') || line.StartsWith('}') || CodeStart().IsMatch(line)
        || line.EndsWith(';') || line.EndsWith('{') || line.Contains("=>", StringComparison.Ordinal);

    private static bool IsWords(string value) =>
        Word().Matches(value).Any(w => !Technical.Contains(w.Value));

    private static string CodeStart(string text)
    {
        var at = text.IndexOf("@code", StringComparison.Ordinal);
        return at < 0 ? text : text[..at];
    }

    /// <summary>Removes each "<paramref name="start"/> { … }" with its brace-matched body.</summary>
    private static string RemoveBlocks(string text, string start, bool openIncluded = false)
    {
        int at;
        while ((at = text.IndexOf(start, StringComparison.Ordinal)) >= 0)
        {
            var open = openIncluded ? at + start.Length - 1 : text.IndexOf('{', at);
            if (open < 0)
            {
                break;
            }
            var end = Matching(text, open, '{', '}');
            text = text[..at] + " " + text[(end + 1)..];
        }
        return text;
    }

    /// <summary>Removes @(…) and @a.b(…)[…] chains (but not @if/@foreach statements' bodies, which hold markup).</summary>
    private static string RemoveExpressions(string text)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@' || i + 1 >= text.Length)
            {
                result.Append(text[i]);
                continue;
            }
            var j = i + 1;
            if (text[j] == '(')
            {
                i = Matching(text, j, '(', ')');
                result.Append(' ');
                continue;
            }
            if (!char.IsLetter(text[j]) && text[j] != '_')
            {
                result.Append(text[i]);
                continue;
            }
            var start = j;
            while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_'))
            {
                j++;
            }
            // "@foreach (var x in xs)": a statement's condition goes with it; its body, markup, stays.
            if (Statements.Contains(text[start..j]))
            {
                while (j < text.Length && text[j] == ' ')
                {
                    j++;
                }
            }
            while (j < text.Length)
            {
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] is '_' or '.' || (text[j] == '?' && j + 1 < text.Length && text[j + 1] is '.' or '[')))
                {
                    j++;
                }
                if (j < text.Length && text[j] == '(')
                {
                    j = Matching(text, j, '(', ')') + 1;
                }
                else if (j < text.Length && text[j] == '[')
                {
                    j = Matching(text, j, '[', ']') + 1;
                }
                else
                {
                    break;
                }
            }
            i = j - 1;
            result.Append(' ');
        }
        return result.ToString();
    }

    private static readonly HashSet<string> Statements = ["if", "foreach", "for", "while", "switch", "using", "lock"];

    private static int Matching(string text, int open, char up, char down)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                i = SkipString(text, i);
                continue;
            }
            if (text[i] == up)
            {
                depth++;
            }
            else if (text[i] == down && --depth == 0)
            {
                return i;
            }
        }
        return text.Length - 1;
    }

    private static int SkipString(string text, int quote)
    {
        for (var i = quote + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }
        return text.Length - 1;
    }

    [GeneratedRegex(@"^\s*@(using|inject|inherits|implements|page|attribute|layout|rendermode|typeparam|namespace|preservewhitespace)\b.*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<(style|script)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrScript();

    [GeneratedRegex("""\s(?:Label|Title|Placeholder|HelperText|Text|aria-label|title)="(?<value>[^"]*)"(?=[\s/>])""")]
    private static partial Regex VisibleAttribute();

    [GeneratedRegex(@"^(else\b|case\s|default:|(if|foreach|for|while|switch)\s*\(|var\s|break;|return\b)")]
    private static partial Regex CodeStart();

    [GeneratedRegex("=\"[^\"]*\"")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@">([^<>]+)<")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Word();
}
