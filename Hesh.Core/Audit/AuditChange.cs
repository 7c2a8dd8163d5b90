using Hesh.Core.Permissions;

namespace Hesh.Core.Audit;

/// <summary>One line of what an entry changed: a permission gained ("+ Analytics (web)"), lost, or a value before → after.</summary>
public sealed record AuditChangeLine(AuditChangeKind Kind, string Text);

public enum AuditChangeKind
{
    Gained,
    Lost,
    Changed,
}

/// <summary>
/// What an audit entry changed, said as only the difference: a permission set stored whole before and after reads as
/// the permissions gained and lost; a single value reads as "before → after". The full texts stay on the entry, for
/// whoever expands it.
/// </summary>
public sealed record AuditChange(IReadOnlyList<AuditChangeLine> Lines, bool IsSetChange)
{
    public static AuditChange None { get; } = new([], false);

    /// <summary>The audit log's words, English as the key (Hesh.Core/Resources/Audit/Messages.resx and .uk.resx).</summary>
    private static class Messages
    {
        public static string Say(string english, params object?[] args) => Hesh.Core.Common.Localization.CoreTexts.Say(Hesh.Core.Email.FeatureTexts.Of("Audit"), english, args);
    }

    /// <summary>A permission's stored (English) title in the reader's language; a title the catalogue no longer has, as stored.</summary>
    private static string Named(string title) =>
        PermissionCatalog.All.FirstOrDefault(p => p.Title == title) is { } permission ? Hesh.Core.Common.Localization.CoreTexts.Name(permission) : title;

    /// <summary>A task edit level's stored (English) title in the reader's language.</summary>
    private static string Level(string title) =>
        Enum.GetValues<TaskScope>().Where(s => s.Title() == title).Select(s => (string?)Hesh.Core.Common.Localization.CoreTexts.Name(s)).FirstOrDefault() ?? title;

    public string Text => string.Join("; ", Lines.Select(l => l.Text));

    private const string LevelPrefix = "Task edit level: ";
    private const string PairSeparator = " · Mobile: ";

    /// <summary>Entries whose Before and After are whole permission sets (one platform, or "Web: … · Mobile: …").</summary>
    private static readonly HashSet<AuditAction> SetActions =
        [AuditAction.PermissionGranted, AuditAction.PermissionRevoked, AuditAction.PermissionsApplied, AuditAction.TemplateSet, AuditAction.TemplateRemoved,
            AuditAction.PermissionExpired];

    public static AuditChange Of(AuditAction action, string what, string? before, string? after)
    {
        if (SetActions.Contains(action) && (Sets(before, what) is { } was) && (Sets(after, what) is { } now))
        {
            return new AuditChange(Diff(was, now), true);
        }
        if (before is null && after is null)
        {
            return None;
        }
        if (before == after)
        {
            return new AuditChange([], false);
        }
        return new AuditChange([new AuditChangeLine(AuditChangeKind.Changed, $"{before ?? "—"} → {after ?? "—"}")], false);
    }

    private sealed record PlatformSet(HashSet<string> Titles, string Level);

    /// <summary>
    /// The sets a description holds, by platform. A one-platform description takes its platform from the entry's
    /// "Web access · …" title; "none" (no template) is an empty set on both.
    /// </summary>
    private static Dictionary<Platform, PlatformSet>? Sets(string? text, string what)
    {
        if (text is null || text == NoTemplate)
        {
            return new Dictionary<Platform, PlatformSet>();
        }
        if (text.StartsWith("Web: ", StringComparison.Ordinal) && text.Contains(PairSeparator, StringComparison.Ordinal))
        {
            var parts = text["Web: ".Length..].Split(PairSeparator, 2);
            return new Dictionary<Platform, PlatformSet> { [Platform.Web] = Parse(parts[0]), [Platform.Mobile] = Parse(parts[1]) };
        }
        var platform = what.StartsWith(Platform.Web.Title(), StringComparison.Ordinal) ? Platform.Web
            : what.StartsWith(Platform.Mobile.Title(), StringComparison.Ordinal) ? Platform.Mobile
            : (Platform?)null;
        return platform is { } p ? new Dictionary<Platform, PlatformSet> { [p] = Parse(text) } : null;
    }

    /// <summary>What a removed template is stored as.</summary>
    public const string NoTemplate = "none";

    private static PlatformSet Parse(string text)
    {
        var items = text.Split(", ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var level = items.FirstOrDefault(i => i.StartsWith(LevelPrefix, StringComparison.Ordinal))?[LevelPrefix.Length..] ?? TaskScope.NoAccess.Title();
        return new PlatformSet(items.Where(i => !i.StartsWith(LevelPrefix, StringComparison.Ordinal)).ToHashSet(), level);
    }

    private static List<AuditChangeLine> Diff(Dictionary<Platform, PlatformSet> before, Dictionary<Platform, PlatformSet> after)
    {
        var empty = new PlatformSet([], TaskScope.NoAccess.Title());
        var lines = new List<AuditChangeLine>();
        foreach (var platform in Enum.GetValues<Platform>().Where(p => before.ContainsKey(p) || after.ContainsKey(p)))
        {
            var was = before.GetValueOrDefault(platform, empty);
            var now = after.GetValueOrDefault(platform, empty);
            var web = platform == Platform.Web;
            foreach (var title in Ordered(now.Titles.Except(was.Titles)))
            {
                lines.Add(new AuditChangeLine(AuditChangeKind.Gained, web ? Messages.Say("+ {0} (web)", Named(title)) : Messages.Say("+ {0} (mobile)", Named(title))));
            }
            foreach (var title in Ordered(was.Titles.Except(now.Titles)))
            {
                lines.Add(new AuditChangeLine(AuditChangeKind.Lost, web ? Messages.Say("− {0} (web)", Named(title)) : Messages.Say("− {0} (mobile)", Named(title))));
            }
            if (was.Level != now.Level)
            {
                lines.Add(new AuditChangeLine(AuditChangeKind.Changed, web
                    ? Messages.Say("Task edit level (web): {0} → {1}", Level(was.Level), Level(now.Level))
                    : Messages.Say("Task edit level (mobile): {0} → {1}", Level(was.Level), Level(now.Level))));
            }
        }
        return lines;
    }

    /// <summary>In catalogue order (a title the catalogue no longer has goes last), so one change always reads one way.</summary>
    private static IEnumerable<string> Ordered(IEnumerable<string> titles)
    {
        var order = PermissionCatalog.All.Select((p, i) => (p.Title, i)).ToDictionary(x => x.Title, x => x.i);
        return titles.OrderBy(t => order.GetValueOrDefault(t, int.MaxValue)).ThenBy(t => t, StringComparer.Ordinal);
    }
}
