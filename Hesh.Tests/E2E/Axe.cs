using System.Text.Json;
using Microsoft.Playwright;

namespace Hesh.Tests.E2E;

/// <summary>One rule axe-core broke on a page, with the elements that broke it.</summary>
public sealed record AxeViolation(string Rule, string Impact, string Help, IReadOnlyList<AxeNode> Nodes)
{
    public bool IsSeriousOrCritical => Impact is "serious" or "critical";

    /// <summary>
    /// The issue asks for a main landmark, a correct heading order and no empty table header; axe files these under
    /// best-practice as moderate or minor, so they would slip under a serious-only bar: they fail the test at any impact.
    /// </summary>
    public bool MustNotOccur => IsSeriousOrCritical || Axe.RequiredRules.Contains(Rule);
}

public sealed record AxeNode(string Target, string Html, string Summary);

/// <summary>
/// axe-core, the WCAG rule engine from the npm registry (Hesh.Tests/a11y, installed by `npm ci`), injected into a page
/// of a context opened with BypassCSP (Hesh's script policy rightly refuses the injected checker).
/// </summary>
public static class Axe
{
    public static readonly IReadOnlySet<string> RequiredRules = new HashSet<string>
    {
        "landmark-one-main", "heading-order", "empty-table-header",
    };

    private static readonly Lazy<string> Script = new(() => File.ReadAllText(ScriptPath()));

    private const string Run = """
        async () => {
          const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
            // Experimental in axe, so outside every tag: a visible label the accessible name does not contain (WCAG 2.5.3).
            rules: { 'label-content-name-mismatch': { enabled: true } },
            resultTypes: ['violations'],
          });
          return result.violations.map(v => ({
            rule: v.id, impact: v.impact ?? 'minor', help: v.help,
            nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html.slice(0, 300), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) })),
          }));
        }
        """;

    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Content = Script.Value });
        }
        var found = await page.EvaluateAsync<JsonElement>(Run);
        return found.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("rule").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
            v.GetProperty("nodes").EnumerateArray().Select(n => new AxeNode(
                n.GetProperty("target").GetString()!, n.GetProperty("html").GetString()!, n.GetProperty("summary").GetString()!)).ToList())).ToList();
    }

    /// <summary>A failure message naming each rule and up to six of its elements.</summary>
    public static string Describe(string where, IEnumerable<AxeViolation> violations) =>
        string.Join("\n", violations.Select(v => $"{where}: {v.Rule} ({v.Impact}, {v.Nodes.Count} nodes) {v.Help}\n" +
            string.Join("\n", v.Nodes.Take(6).Select(n => $"    {n.Target}  {n.Html}  — {n.Summary}"))));

    private static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "a11y"), Path.Combine(dir.FullName, "Hesh.Tests", "a11y") })
            {
                var file = Path.Combine(candidate, "node_modules", "axe-core", "axe.min.js");
                if (File.Exists(file))
                {
                    return file;
                }
            }
        }
        throw new FileNotFoundException("axe-core is not installed: run `npm ci` in Hesh.Tests/a11y (test.sh does).");
    }
}
