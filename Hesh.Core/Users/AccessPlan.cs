using Hesh.Core.Permissions;

namespace Hesh.Core.Users;

/// <summary>Where a permission change came from, as the user's history shows it.</summary>
public enum ChangeSource
{
    Toggle,
    Template,
    Copy,
    Bulk,
    Ownership,
}

/// <summary>A change of several permissions at once; the service turns it into the user's new <see cref="AccessPair"/>.</summary>
public abstract record AccessPlan
{
    /// <summary>Everything as the position's template says.</summary>
    public sealed record FromPosition(Guid PositionId) : AccessPlan;

    /// <summary>Everything as another user of the company has it.</summary>
    public sealed record FromUser(string UserId) : AccessPlan;

    /// <summary>These permissions switched on, on one platform; the rest untouched. With <paramref name="EndsAt"/> (UTC), until then.</summary>
    public sealed record Grant(Platform Platform, IReadOnlyList<PermissionKey> Keys, DateTime? EndsAt = null) : AccessPlan;

    /// <summary>These permissions switched off, on one platform; the rest untouched.</summary>
    public sealed record Revoke(Platform Platform, IReadOnlyList<PermissionKey> Keys) : AccessPlan;
}

/// <summary>A user's position template, and the permissions in which the user differs from it.</summary>
public sealed record TemplateStatus(Guid PositionId, string PositionName, AccessDiff Drift)
{
    /// <summary>How the user differs, read from the user's side (the drift runs user → template).</summary>
    public string DriftText => Messages.Say("Compared with the {0} template: {1}.", PositionName, string.Join("; ", new[]
    {
        Drift.Lost.Count > 0 ? Messages.Say("also has {0}", string.Join(", ", Drift.Lost.Select(l => l.Text))) : null,
        Drift.Gained.Count > 0 ? Messages.Say("lacks {0}", string.Join(", ", Drift.Gained.Select(l => l.Text))) : null,
    }.Where(p => p is not null)));
}

/// <summary>A page a user has open right now, with the permission it needs.</summary>
public sealed record OpenPage(string Path, PermissionKey Requires);

/// <summary>What applying a plan to one user would do, decided before anything is written.</summary>
public sealed record AccessPreview(string UserId, string FullName, int Version, AccessDiff Diff, string? Refusal, IReadOnlyList<OpenPage> PagesClosed)
{
    public bool CanApply => Refusal is null && !Diff.IsEmpty;
}

/// <summary>A bulk change's outcome: who changed, who was left alone and why.</summary>
public sealed record BulkOutcome(IReadOnlyList<AccessPreview> Applied, IReadOnlyList<AccessPreview> Skipped, IReadOnlyList<AccessPreview> Unchanged);

/// <summary>
/// The live layer as the core sees it: which pages users have open (to warn before taking one away) and, after a
/// change, how many of the user's open sessions applied it. With several nodes it answers for all of them (the web
/// host keeps presence in Redis), so each call may ask the network; without a host nobody is online.
/// </summary>
public interface ILivePresence
{
    /// <summary>The pages the user has open right now, on any node, with the permission each needs.</summary>
    Task<IReadOnlyList<OpenPage>> OpenPagesOfAsync(string userId, CancellationToken ct = default);

    /// <summary>Which of the user's sign-in sessions have a tab or app connected right now, on any node.</summary>
    Task<IReadOnlySet<string>> OnlineSessionsOfAsync(string userId, CancellationToken ct = default);

    /// <summary>Waits briefly for the user's open sessions, on any node, to acknowledge their latest change; how many did.</summary>
    Task<LiveReceipt> ReceiptAsync(string userId, CancellationToken ct = default);
}

/// <summary>How many of a user's open sessions applied their latest change; the web layer words it (ReceiptWording).</summary>
public sealed record LiveReceipt(int Applied, int Open, DateTime At);

public sealed class NoLivePresence(TimeProvider clock) : ILivePresence
{
    public Task<IReadOnlyList<OpenPage>> OpenPagesOfAsync(string userId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<OpenPage>>([]);

    public Task<IReadOnlySet<string>> OnlineSessionsOfAsync(string userId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    public Task<LiveReceipt> ReceiptAsync(string userId, CancellationToken ct = default) =>
        Task.FromResult(new LiveReceipt(0, 0, clock.GetUtcNow().UtcDateTime));
}
