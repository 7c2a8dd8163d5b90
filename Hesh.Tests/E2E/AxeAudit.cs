using System.Text;
using Microsoft.Playwright;

namespace Hesh.Tests.E2E;

/// <summary>What axe found on one screen (a page or an open dialog) at one width.</summary>
public sealed record AxeFinding(string Screen, int Width, IReadOnlyList<AxeViolation> Violations);

/// <summary>
/// Walks one browser page from screen to screen, running axe at desktop and phone width on each, and keeps every finding
/// so one run reports all screens at once rather than stopping at the first bad one.
/// </summary>
public sealed class AxeAudit(IPage page)
{
    public static readonly int[] Widths = [1400, 390];

    private readonly List<AxeFinding> _findings = [];
    public IReadOnlyList<AxeFinding> Findings => _findings;

    /// <summary>Runs axe on what is on screen now, at each width (both unless given), once it has settled.</summary>
    public async Task CheckAsync(string screen, params int[] widths)
    {
        foreach (var width in widths.Length > 0 ? widths : Widths)
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await SettledAsync();
            _findings.Add(new AxeFinding(screen, width, await Axe.RunAsync(page)));
            await page.Screenshot($"axe-{Slug(screen)}-{width}");
        }
        await page.SetViewportSizeAsync(Widths[0], 900);
    }

    /// <summary>
    /// Loading indicators gone and no animation running: a dialog fading in measures as low contrast, a spinner as a
    /// page without its content.
    /// </summary>
    private async Task SettledAsync()
    {
        try
        {
            await page.WaitForFunctionAsync("""
                () => !document.querySelector('.mud-progress-circular, .mud-skeleton, .mud-table-loading-progress')
                      && document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)
                """, null, new() { Timeout = 10_000, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            // A screen that never settles is still measured; its screenshot shows why.
        }
    }

    /// <summary>The (screen, rule) pairs that fail the bar, without those listed as pending.</summary>
    public IReadOnlyList<string> Failures(IReadOnlySet<(string Screen, string Rule)> pending) =>
        _findings.SelectMany(f => f.Violations.Where(v => v.MustNotOccur && !pending.Contains((f.Screen, v.Rule)))
                .Select(v => Axe.Describe($"{f.Screen} at {f.Width} px", [v])))
            .ToList();

    /// <summary>Pending pairs that no longer occur: the list must shrink as pages are fixed.</summary>
    public IReadOnlyList<(string Screen, string Rule)> FixedPending(IReadOnlySet<(string Screen, string Rule)> pending) =>
        pending.Where(p => !_findings.Any(f => f.Screen == p.Screen && f.Violations.Any(v => v.Rule == p.Rule && v.MustNotOccur))).ToList();

    /// <summary>A Markdown table per screen: serious+critical rules and all rules violated, per width, and the rule ids.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| Screen | 1400 px serious+critical / all | 390 px serious+critical / all | Rules (impact) |");
        text.AppendLine("|---|---|---|---|");
        foreach (var screen in _findings.GroupBy(f => f.Screen))
        {
            string Count(int width)
            {
                var found = screen.FirstOrDefault(f => f.Width == width)?.Violations ?? [];
                return $"{found.Count(v => v.IsSeriousOrCritical)} / {found.Count}";
            }
            var rules = screen.SelectMany(f => f.Violations).GroupBy(v => v.Rule)
                .Select(g => $"{g.Key} ({g.First().Impact})").Order();
            text.AppendLine($"| {screen.Key} | {Count(1400)} | {Count(390)} | {string.Join(", ", rules)} |");
        }
        return text.ToString();
    }

    /// <summary>Every violation with its elements, for fixing.</summary>
    public string Details() =>
        string.Join("\n", _findings.Where(f => f.Violations.Count > 0).Select(f => Axe.Describe($"{f.Screen} at {f.Width} px", f.Violations)));

    private static string Slug(string screen) =>
        new string(screen.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
}
