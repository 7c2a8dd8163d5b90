using Hesh.Core.Permissions;

namespace Hesh.Core.Users;

/// <summary>
/// What the actor may do with one user right now, decided by <see cref="UserAccess"/> and <see cref="GrantRules"/> and
/// carried on <see cref="UserDetails"/>: the pages show an action only when it is here, and the services refuse it anyway.
/// </summary>
public sealed record UserActions
{
    public static readonly UserActions None = new();

    /// <summary>Name, phone, external id and photo.</summary>
    public bool EditProfile { get; init; }

    /// <summary>The status actions that would be accepted now (never "Inactivate" on oneself or on the owner).</summary>
    public IReadOnlyList<StatusAction> StatusActions { get; init; } = [];

    /// <summary>The Security tab: one's own, or an administrator's view of another's.</summary>
    public bool SeeSecurity { get; init; }

    /// <summary>"Create password" for a Pending user, "Change password" for an Active one.</summary>
    public bool SetPassword { get; init; }

    public bool SendResetLink { get; init; }

    public bool RequirePasswordChange { get; init; }

    /// <summary>One's own password, with the current one.</summary>
    public bool ChangeOwnPassword { get; init; }

    public bool EndSessions { get; init; }

    public bool ResetTwoFactor { get; init; }

    public bool ManageDayOffs { get; init; }

    public bool ToggleAdmin { get; init; }

    public bool TransferOwnership { get; init; }

    /// <summary>The actor may open the Users list (the breadcrumb back to it).</summary>
    public bool SeeDirectory { get; init; }

    /// <summary>
    /// The target gave ownership back to the actor, who had once given it to them, and is still an administrator: the
    /// actor is offered to remove those rights (after a transfer the former owner stays admin, PRODUCT §1).
    /// </summary>
    public bool OfferRemoveAdmin { get; init; }

    /// <summary>Any action on the page's "More" menu.</summary>
    public bool HasMore => TransferOwnership;
}

/// <summary>What the actor may do on the Users list as a whole: add one user, import a file of them, export the list.</summary>
public sealed record UserDirectoryActions(bool Invite, bool Import = false, bool Export = false)
{
    public static readonly UserDirectoryActions None = new(false);
}
