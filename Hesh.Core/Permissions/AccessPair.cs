namespace Hesh.Core.Permissions;

/// <summary>A whole permission set: web and mobile. What a position template holds and what a user is given.</summary>
public sealed record AccessPair(AccessSet Web, AccessSet Mobile)
{
    public static AccessPair Defaults { get; } = new(AccessSet.Defaults(Platform.Web), AccessSet.Defaults(Platform.Mobile));

    public AccessSet For(Platform platform) => platform == Platform.Web ? Web : Mobile;

    public AccessPair With(Platform platform, AccessSet access) => platform == Platform.Web ? this with { Web = access } : this with { Mobile = access };

    /// <summary>With the always-on permissions added: two pairs that differ only in those are the same to everyone.</summary>
    public AccessPair Normalized() => new(Web.WithAlwaysOn(Platform.Web), Mobile.WithAlwaysOn(Platform.Mobile));

    public bool SameAs(AccessPair other) => AccessDiff.Between(this, other).IsEmpty;

    public string Describe() => $"Web: {Web.Describe()} · Mobile: {Mobile.Describe()}";
}

/// <summary>One permission gained or lost on one platform; for the task edit level, the levels before → after.</summary>
public sealed record AccessDiffLine(Platform Platform, PermissionKey Key, string Title, bool Gained, string? Detail = null)
{
    public string Text => $"{Title} ({(Platform == Platform.Web ? "web" : "mobile")}){(Detail is null ? "" : $": {Detail}")}";
}

/// <summary>What a multi-permission change does: "+N / −M", each permission gained and lost.</summary>
public sealed record AccessDiff(IReadOnlyList<AccessDiffLine> Gained, IReadOnlyList<AccessDiffLine> Lost)
{
    public static AccessDiff None { get; } = new([], []);

    public int Count => Gained.Count + Lost.Count;
    public bool IsEmpty => Count == 0;
    public string Summary => $"+{Gained.Count} / −{Lost.Count}";

    /// <summary>For the person whose access changed: what they gained and lost, by name (the first few of each).</summary>
    public string InWords
    {
        get
        {
            static string List(IReadOnlyList<AccessDiffLine> lines) => lines.Count <= 4
                ? string.Join(", ", lines.Select(l => l.Text))
                : $"{string.Join(", ", lines.Take(3).Select(l => l.Text))} and {lines.Count - 3} more";
            var parts = new List<string>();
            if (Gained.Count > 0)
            {
                parts.Add($"gained {List(Gained)}");
            }
            if (Lost.Count > 0)
            {
                parts.Add($"lost {List(Lost)}");
            }
            return parts.Count == 0 ? "nothing changed" : string.Join("; ", parts);
        }
    }

    public static AccessDiff Between(AccessPair before, AccessPair after)
    {
        var (b, a) = (before.Normalized(), after.Normalized());
        var gained = new List<AccessDiffLine>();
        var lost = new List<AccessDiffLine>();
        foreach (var platform in new[] { Platform.Web, Platform.Mobile })
        {
            var (was, will) = (b.For(platform), a.For(platform));
            foreach (var permission in PermissionCatalog.All)
            {
                if (permission.IsLevel)
                {
                    if (was.TaskScope != will.TaskScope)
                    {
                        (will.TaskScope > was.TaskScope ? gained : lost).Add(new AccessDiffLine(platform, permission.Key, permission.Title,
                            will.TaskScope > was.TaskScope, $"{was.TaskScope.Title()} → {will.TaskScope.Title()}"));
                    }
                }
                else if (was.Has(permission.Key) != will.Has(permission.Key))
                {
                    var on = will.Has(permission.Key);
                    // Gaining "Users permissions" with a narrowed scope says so: the scope is part of what is given.
                    var detail = on && permission.Key == PermissionKey.UsersPermissions && will.UsersScope != UserScope.AllUsers ? will.UsersScope.Title() : null;
                    (on ? gained : lost).Add(new AccessDiffLine(platform, permission.Key, permission.Title, on, detail));
                }
                else if (permission.Key == PermissionKey.UsersPermissions && will.Has(permission.Key) && was.EffectiveUsersScope != will.EffectiveUsersScope)
                {
                    // A wider reach is a gain, a narrower one a loss, as for the task edit level.
                    var wider = will.UsersScope > was.UsersScope;
                    (wider ? gained : lost).Add(new AccessDiffLine(platform, permission.Key, permission.Title, wider,
                        $"{was.UsersScope.Title()} → {will.UsersScope.Title()}"));
                }
            }
        }
        return new AccessDiff(gained, lost);
    }
}
